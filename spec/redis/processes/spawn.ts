// Starts a TypeScript script of this folder as a child process (through tsx) and waits for its first line
// matching `ready`; the child is killed when the test's process exits, whatever happens.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A started child and the match of its ready line. */
export interface Started {
  child: ChildProcess;
  match: RegExpMatchArray;
}

/** Runs `script` with `args`; resolves once a stdout line matches `ready`. */
export function startScript(script: string, args: string[], ready: RegExp): Promise<Started> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = (): void => void child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = output.match(ready);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was ready: ${output}`)),
    );
  });
}

/** Stops a child (SIGTERM) and waits for its exit. */
export function stopScript(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
