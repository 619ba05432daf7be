import { Worker } from 'node:worker_threads'
import type { Node as ProseMirrorNode } from 'prosemirror-model'
import type { ErrorCode } from '../../shared/api/errors.ts'
import { schema } from '../../shared/schema/index.ts'
import { AppError } from '../errors.ts'
import type { ImportKind } from '../import/parse.ts'
import type { DispositionRow } from './disposition.ts'
import { type DocxPlan, planWeight } from './docx-plan.ts'

/**
 * Writing a Word or Excel file is one long synchronous stretch of XML: packing a 100-page draft with 2,000
 * comments takes about 1.5 s, a 2,000-row spreadsheet about 1 s. Large files are written in a worker thread so
 * the event loop keeps serving; small ones (the common case, a few milliseconds) are written in place. Reading
 * a large imported file (mammoth, then a DOM; about 0.6 s for 100 pages) goes to the same worker.
 */

/** Plans heavier than this (see `planWeight`) are packed in the worker. */
export const docxWorkerThreshold = 5_000
/** Spreadsheets with more rows than this are written in the worker. */
export const xlsxWorkerThreshold = 300

/** How long an idle worker is kept for the next large export. */
const idleMs = 60_000

/** Work for the export worker: writing a Word or Excel file, or reading an imported file (answered as JSON). */
export type ExportJob =
  | { kind: 'docx'; plan: DocxPlan }
  | { kind: 'xlsx'; rows: readonly DispositionRow[]; title: string }
  | { kind: 'import'; format: ImportKind; data: Uint8Array }

/** An application error as it crosses the thread boundary, to be thrown again with its status. */
export interface WorkerAppError {
  status: number
  code: ErrorCode
  details?: Record<string, unknown> | undefined
}

/** The worker's answer to a job. */
export type ExportJobAnswer =
  | { id: number; bytes: Uint8Array }
  | { id: number; error: string; appError?: WorkerAppError }

/** Where a file is written: by its size (`auto`), or always in the worker, or always in place. */
export type WriteMode = 'auto' | 'worker' | 'inline'

interface Pending {
  resolve(bytes: Uint8Array): void
  reject(error: Error): void
}

let worker: Worker | undefined
let idleTimer: NodeJS.Timeout | undefined
let nextId = 0
const pending = new Map<number, Pending>()

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error)
  pending.clear()
}

/** The shared worker, started on first use. It never keeps the process alive (`unref`). */
function exportWorker(): Worker {
  if (worker) return worker
  const started = new Worker(new URL('./export-worker.thread.mjs', import.meta.url))
  started.unref()
  started.on('message', (answer: ExportJobAnswer) => {
    const job = pending.get(answer.id)
    if (!job) return
    pending.delete(answer.id)
    if ('bytes' in answer) job.resolve(answer.bytes)
    else if (answer.appError) {
      const { status, code, details } = answer.appError
      job.reject(new AppError(status, code, answer.error, details))
    } else job.reject(new Error(`The export worker failed: ${answer.error}`))
    if (pending.size === 0) stopWhenIdle()
  })
  started.on('error', (error) => {
    if (worker === started) worker = undefined
    failAll(error)
  })
  started.on('exit', (code) => {
    if (worker === started) worker = undefined
    failAll(new Error(`The export worker stopped (exit code ${code}).`))
  })
  worker = started
  return started
}

function stopWhenIdle(): void {
  clearTimeout(idleTimer)
  idleTimer = setTimeout(() => {
    if (pending.size === 0) void stopExportWorker()
  }, idleMs)
  idleTimer.unref()
}

/** Stops the worker if one runs (jobs in flight fail); the next large export starts another. */
export async function stopExportWorker(): Promise<void> {
  clearTimeout(idleTimer)
  const running = worker
  worker = undefined
  if (running) await running.terminate()
}

/** Runs a job in the worker thread; jobs queue there one after another. */
function inWorker(job: ExportJob): Promise<Uint8Array> {
  clearTimeout(idleTimer)
  const id = nextId++
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    exportWorker().postMessage({ id, job })
  })
}

/** Packs a Word plan into .docx bytes, in the worker when it is heavy. */
export function packDocx(plan: DocxPlan, mode: WriteMode = 'auto'): Promise<Uint8Array> {
  const offload = mode === 'worker' || (mode === 'auto' && planWeight(plan) > docxWorkerThreshold)
  // docx and exceljs weigh some 30 MB once loaded: only a process that exports loads them, on first use.
  if (offload) return inWorker({ kind: 'docx', plan })
  return import('./docx-build.ts').then(({ packPlan }) => packPlan(plan))
}

/** Writes the disposition spreadsheet, in the worker when it is long. */
export function dispositionXlsx(
  rows: readonly DispositionRow[],
  title: string,
  mode: WriteMode = 'auto',
): Promise<Uint8Array> {
  const offload = mode === 'worker' || (mode === 'auto' && rows.length > xlsxWorkerThreshold)
  if (offload) return inWorker({ kind: 'xlsx', rows, title })
  return import('./disposition-xlsx.ts').then(({ writeDispositionXlsx }) => writeDispositionXlsx(rows, title))
}

/**
 * Reads an imported file (a .docx already checked, HTML or Markdown) into the schema in the worker thread, so
 * mammoth, the DOM and the Markdown parser never hold the event loop. Errors keep their HTTP status.
 */
export async function readInWorker(format: ImportKind, data: Buffer): Promise<ProseMirrorNode> {
  // A copy of exactly its bytes: cloning a view would send the whole buffer behind it.
  const json = await inWorker({ kind: 'import', format, data: new Uint8Array(data) })
  return schema.nodeFromJSON(JSON.parse(new TextDecoder().decode(json)))
}
