// Rewrites every Parquet table of an input folder with other writers, one folder per writer and setting:
//   node rewrite-tables.mjs IN_DIR OUT_ROOT   →   OUT_ROOT/<variant>/<table>.parquet
// arrow-rs (parquet-wasm) v1 with dictionary and SNAPPY, v2 without dictionary (DELTA encodings) and ZSTD, v1 with
// the legacy LZ4 codec; polars (its own reader and writer, ZSTD); @dsnp/parquetjs PLAIN v2 pages with GZIP. Run by
// the C# tests (EndToEnd/RewrittenSamplesTests), which score each folder and compare the published tables with the
// original run's; they install the packages of package.json with `npm ci`.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs'
import { join, basename } from 'node:path'
import * as arrow from 'apache-arrow'
import * as wasm from 'parquet-wasm'
import pl from 'nodejs-polars'
import parquetjs from '@dsnp/parquetjs'

const [inDir, outRoot] = process.argv.slice(2)
const tables = readdirSync(inDir).filter(f => f.endsWith('.parquet')).sort()
const DAY_MS = 86_400_000

const { Compression: C, WriterVersion: V } = wasm
const arrowRs = {
  'arrow-rs-v1-dictionary-snappy': b => b.setWriterVersion(V.V1).setCompression(C.SNAPPY),
  'arrow-rs-v2-delta-zstd': b => b.setWriterVersion(V.V2).setDictionaryEnabled(false).setCompression(C.ZSTD),
  'arrow-rs-v1-lz4-legacy': b => b.setWriterVersion(V.V1).setCompression(C.LZ4),
}
for (const [variant, configure] of Object.entries(arrowRs)) {
  mkdirSync(join(outRoot, variant), { recursive: true })
  for (const file of tables) {
    // Small pages and row groups, so the engine meets many of each.
    const properties = configure(new wasm.WriterPropertiesBuilder().setMaxRowGroupSize(10_000).setDataPageSizeLimit(16_384)).build()
    const bytes = wasm.writeParquet(wasm.readParquet(readFileSync(join(inDir, file))), properties)
    writeFileSync(join(outRoot, variant, file), bytes)
  }
}

mkdirSync(join(outRoot, 'polars-zstd'), { recursive: true })
for (const file of tables) {
  pl.readParquet(join(inDir, file)).writeParquet(join(outRoot, 'polars-zstd', file), { compression: 'zstd' })
}

// parquetjs writes row by row from a schema of its own: every column OPTIONAL, types from the arrow schema.
mkdirSync(join(outRoot, 'parquetjs-v2-gzip'), { recursive: true })
for (const file of tables) {
  const table = arrow.tableFromIPC(wasm.readParquet(readFileSync(join(inDir, file))).intoIPCStream())
  const fields = {}
  const convert = {}
  for (const field of table.schema.fields) {
    const t = field.type
    const type = arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t) ? 'UTF8'
      : arrow.DataType.isFloat(t) ? 'DOUBLE'
        : arrow.DataType.isInt(t) ? (t.bitWidth === 64 ? 'INT64' : 'INT32')
          : arrow.DataType.isDate(t) ? 'DATE' : null
    if (type === null) throw new Error(`${file}: column ${field.name} of type ${t} has no parquetjs mapping`)
    fields[field.name] = { type, optional: true, compression: 'GZIP' }
    convert[field.name] = type === 'DATE' ? v => new Date(Math.floor((v instanceof Date ? v.getTime() : Number(v)) / DAY_MS) * DAY_MS)
      : type === 'INT64' ? v => BigInt(v) : v => v
  }
  const writer = await parquetjs.ParquetWriter.openFile(new parquetjs.ParquetSchema(fields),
    join(outRoot, 'parquetjs-v2-gzip', file), { useDataPageV2: true, pageSize: 4096 })
  writer.setRowGroupSize(5_000)
  const names = table.schema.fields.map(f => f.name)
  const vectors = names.map(n => table.getChild(n))
  for (let i = 0; i < table.numRows; i++) {
    const row = {}
    for (let c = 0; c < names.length; c++) {
      const v = vectors[c].get(i)
      if (v !== null && v !== undefined) row[names[c]] = convert[names[c]](v)
    }
    await writer.appendRow(row)
  }
  await writer.close()
}
console.log(`rewrote ${tables.length} tables: ${[...Object.keys(arrowRs), 'polars-zstd', 'parquetjs-v2-gzip'].join(', ')}`)
