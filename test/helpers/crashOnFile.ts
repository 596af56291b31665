/**
 * Imported by crashingWorker.ts before the real worker, so that its listener comes first: the
 * worker thread dies when it is sent a file whose name contains "crash".
 */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (task: { file?: unknown }) => {
  if (typeof task.file === 'string' && task.file.includes('crash')) process.exit(70);
});
