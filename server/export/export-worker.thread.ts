import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { AppError } from '../errors.ts'
import { convertUpload } from '../import/parse.ts'
import { writeDispositionXlsx } from './disposition-xlsx.ts'
import { packPlan } from './docx-build.ts'
import type { ExportJob, ExportJobAnswer } from './export-worker.ts'

if (!parentPort) throw new Error('export-worker.thread.ts runs as a worker thread')
const port = parentPort

// On Linux each thread has a nice value of its own: this one gives way to the event loop, so requests keep
// their latency on a busy core while a large file is written (elsewhere this may be refused: no matter).
try {
  setPriority(0, 10)
} catch {
  // keep the default priority
}

async function run(job: ExportJob): Promise<Uint8Array> {
  switch (job.kind) {
    case 'docx':
      return packPlan(job.plan)
    case 'xlsx':
      return writeDispositionXlsx(job.rows, job.title)
    case 'import': {
      const doc = await convertUpload(
        job.format,
        Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength),
      )
      return new TextEncoder().encode(JSON.stringify(doc.toJSON()))
    }
  }
}

port.on('message', async ({ id, job }: { id: number; job: ExportJob }) => {
  try {
    const bytes = await run(job)
    // Transfer the bytes rather than copy them, from a buffer of their own.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
    port.postMessage({ id, bytes: own } satisfies ExportJobAnswer, [own.buffer as ArrayBuffer])
  } catch (error) {
    port.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
      ...(error instanceof AppError
        ? { appError: { status: error.status, code: error.code, details: error.details } }
        : {}),
    } satisfies ExportJobAnswer)
  }
})
