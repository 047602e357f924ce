// Reads Parquet files with arrow-rs (parquet-wasm) and prints, as JSON on stdout, every file's row groups and cells:
// { "FILE": { "rowGroups": [rows, …], "columns": { "NAME": { "type": "…", "cells": [text or null, …] } } } }.
// A cell's text: strings as they are; numbers in JavaScript's shortest round-trip form ("-0" for −0); 64-bit
// integers in full; dates as yyyy-MM-dd. Run by the C# tests (OutputInteropTests, RewrittenSamplesTests), which install the
// packages of package.json with `npm ci`; by hand: node read-cells.mjs FILE…
import { readFileSync } from 'node:fs'
import * as arrow from 'apache-arrow'
import * as wasm from 'parquet-wasm'

const DAY_MS = 86_400_000
const cell = (type, v) => {
  if (v === null || v === undefined) return null
  if (arrow.DataType.isDate(type)) {
    const ms = v instanceof Date ? v.getTime() : Number(v)
    return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10)
  }
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'bigint') return v.toString()
  return String(v)
}

const result = {}
for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file)
  const metadata = (await wasm.ParquetFile.fromFile(new Blob([bytes]))).metadata()
  const rowGroups = metadata.rowGroups().map(g => g.numRows())
  // Small batches, so the reader walks the pages in many steps rather than one.
  const table = arrow.tableFromIPC(wasm.readParquet(bytes, { batchSize: 777 }).intoIPCStream())
  const columns = {}
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)
    const cells = new Array(table.numRows)
    for (let i = 0; i < table.numRows; i++) cells[i] = cell(field.type, vector.get(i))
    columns[field.name] = { type: String(field.type), cells }
  }
  result[file] = { rowGroups, columns }
}
process.stdout.write(JSON.stringify(result))
