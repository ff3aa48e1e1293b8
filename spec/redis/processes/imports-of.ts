// Prints, as JSON, every module URL resolved while importing the module given as argument (a path relative
// to this folder). Usage: imports-of.ts ../../../lib/index.ts
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const urls: string[] = [];
port1.on('message', (url: string) => void urls.push(url));
register('./record-imports.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
await import(new URL(process.argv[2]!, import.meta.url).href);
await new Promise((resolve) => setTimeout(resolve, 50)); // let the hook thread's last messages arrive
port1.close();
console.log(JSON.stringify(urls));
