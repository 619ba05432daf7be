import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/errors.ts'
import {
  fileProblem,
  formatBytes,
  importOutcome,
  maxImportBytes,
  progressText,
  titleFromFileName,
  uploadErrorLines,
  uploadPercent,
} from './progress.ts'

describe('upload progress', () => {
  it('gives the share sent as a whole percentage, 0 while the size is unknown and 100 once processing', () => {
    expect(uploadPercent({ phase: 'uploading', loaded: 0, total: 0 })).toBe(0)
    expect(uploadPercent({ phase: 'uploading', loaded: 1, total: 3 })).toBe(33)
    expect(uploadPercent({ phase: 'uploading', loaded: 999, total: 1000 })).toBe(99)
    expect(uploadPercent({ phase: 'uploading', loaded: 1200, total: 1000 })).toBe(100)
    expect(uploadPercent({ phase: 'processing' })).toBe(100)
  })

  it('writes sizes in steps of 1024, so the 20 MiB limit reads 20 MB', () => {
    expect(formatBytes(850)).toBe('850 bytes')
    expect(formatBytes(12_800)).toBe('12.5 kB')
    expect(formatBytes(maxImportBytes)).toBe('20 MB')
    expect(formatBytes(-5)).toBe('0 bytes')
  })

  it('says how much is sent, then that the server is processing the file', () => {
    expect(progressText({ phase: 'uploading', loaded: 512 * 1024, total: 2 * 1024 * 1024 })).toBe(
      'Uploading… 25% (512 kB of 2 MB)',
    )
    expect(progressText({ phase: 'processing' })).toBe('Processing the file…')
  })
})

describe('choosing a file', () => {
  it('accepts Word, Markdown and HTML under 20 MB, and says why anything else will not do', () => {
    expect(fileProblem({ name: 'Draft v2.DOCX', size: 1000 })).toBeNull()
    expect(fileProblem({ name: 'notes.md', size: 10 })).toBeNull()
    expect(fileProblem({ name: 'page.htm', size: 10 })).toBeNull()
    expect(fileProblem({ name: 'draft.pdf', size: 10 })).toBe('Choose a .docx, .md or .html file.')
    expect(fileProblem({ name: 'big.docx', size: maxImportBytes + 1 })).toBe(
      'This file is larger than 20 MB. Choose a smaller one.',
    )
  })

  it('suggests a title from the file name', () => {
    expect(titleFromFileName('Guidelines v2.docx')).toBe('Guidelines v2')
    expect(titleFromFileName('notes.final.md')).toBe('notes.final')
    expect(titleFromFileName('README')).toBe('README')
  })
})

describe('what an import did', () => {
  it('says a version was kept, then how many threads found their text and how many are orphaned', () => {
    expect(importOutcome({ versionBefore: 'v', threads: { anchored: 3, orphaned: 1, general: 2 } })).toEqual([
      'A version of the previous text was kept.',
      '3 threads found their text again.',
      '1 thread lost its text and is now orphaned.',
    ])
    expect(importOutcome({ versionBefore: 'v', threads: { anchored: 0, orphaned: 0, general: 0 } })).toEqual([
      'A version of the previous text was kept.',
    ])
  })
})

describe('a failed upload', () => {
  it('words 413, 415 and 400 and quotes the server; says when it was cancelled', () => {
    expect(uploadErrorLines(new ApiError(413, 'too_large', 'The file is larger than 20 MiB.'))).toEqual([
      'The server refused the file: it is too large.',
      'The server said: “The file is larger than 20 MiB.”',
    ])
    expect(
      uploadErrorLines(new ApiError(415, 'unsupported_media_type', 'Import a .docx, .md or .html file.'))[0],
    ).toBe('The server cannot import this kind of file.')
    expect(
      uploadErrorLines(new ApiError(400, 'invalid_request', 'The file is not a Word document.')),
    ).toEqual(['The server could not read the file.', 'The server said: “The file is not a Word document.”'])
    expect(uploadErrorLines(new DOMException('stop', 'AbortError'))).toEqual(['The upload was cancelled.'])
    expect(uploadErrorLines(new ApiError(0, 'network_error', 'x'))).toEqual([
      'The server could not be reached. Check your connection and try again.',
    ])
  })
})
