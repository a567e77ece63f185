import { startFauxqs } from '/tmp/s3eval2/node_modules/fauxqs/dist/app.js';
import { S3Client, CreateBucketCommand, HeadBucketCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand, ListObjectsV2Command, AbortMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
const server = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1' });
console.log(server.address);
const ep = server.address;
const mk = (secret) => new S3Client({ endpoint: ep, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: secret }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const c = mk('test');
await c.send(new CreateBucketCommand({ Bucket: 'b' }));
console.log('head', (await c.send(new HeadBucketCommand({ Bucket: 'b' }))).$metadata.httpStatusCode);
const big = Buffer.alloc(12 * 1024 * 1024, 7);
const up = new Upload({ client: c, params: { Bucket: 'b', Key: 'x/y.pdf', Body: Readable.from([big.subarray(0, 6e6), big.subarray(6e6)]) }, partSize: 5 * 1024 * 1024, queueSize: 1 });
await up.done();
console.log('size', (await c.send(new HeadObjectCommand({ Bucket: 'b', Key: 'x/y.pdf' }))).ContentLength);
const g = await c.send(new GetObjectCommand({ Bucket: 'b', Key: 'x/y.pdf', Range: 'bytes=0-9' }));
console.log('range', g.ContentLength, g.ContentRange);
const g2 = await c.send(new GetObjectCommand({ Bucket: 'b', Key: 'x/y.pdf' }));
console.log('full', (await g2.Body.transformToByteArray()).length);
try { await c.send(new GetObjectCommand({ Bucket: 'b', Key: 'nope' })); } catch (e) { console.log('missing', e.name, e.$metadata?.httpStatusCode); }
const m = await c.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'z' }));
await c.send(new UploadPartCommand({ Bucket: 'b', Key: 'z', UploadId: m.UploadId, PartNumber: 1, Body: Buffer.alloc(10) }));
try { await c.send(new AbortMultipartUploadCommand({ Bucket: 'b', Key: 'z', UploadId: m.UploadId })); console.log('abort ok'); } catch (e) { console.log('abort', e.name, e.$metadata?.httpStatusCode); }
try { await mk('wrong').send(new HeadBucketCommand({ Bucket: 'b' })); console.log('bad creds accepted'); } catch (e) { console.log('badcreds', e.name); }
try { await c.send(new HeadBucketCommand({ Bucket: 'nobucket' })); console.log('nobucket ok?'); } catch (e) { console.log('nobucket', e.name, e.$metadata?.httpStatusCode); }
await c.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'x/y.pdf' }));
await c.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'x/never' }));
console.log('list', (await c.send(new ListObjectsV2Command({ Bucket: 'b' }))).KeyCount);
const s = Readable.from((async function* () { yield Buffer.alloc(1000); })());
try { await c.send(new PutObjectCommand({ Bucket: 'b', Key: 's', Body: s })); console.log('stream put ok'); } catch (e) { console.log('streamput', e.name, e.message); }
await server.stop();
