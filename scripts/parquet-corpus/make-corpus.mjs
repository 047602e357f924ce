// Writes the Parquet conformance corpus: the same small table through other writers, with the encodings, page
// versions and codecs they offer, plus hand-built INT96 and FIXED_LEN_BYTE_ARRAY decimal files. For every file it
// writes the expected cells into manifest.json, which tests/Analytics.IO.Tests/Reading/ParquetCorpusTests.cs compares
// with the engine's reading and with DuckDB's. Run by hand (not in CI): see README.md.
import { writeFileSync, mkdirSync, statSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as arrow from 'apache-arrow'
import * as wasm from 'parquet-wasm'
import pl from 'nodejs-polars'
import { parquetWriteBuffer } from 'hyparquet-writer'
import parquetjs from '@dsnp/parquetjs'

const out = process.argv[2] ?? '../../tests/Analytics.IO.Tests/Reading/Corpus'
mkdirSync(out, { recursive: true })
const ROWS = 1500
const DAY_MS = 86_400_000
const CITIES = ['Zürich', 'Genève', '東京', 'Basel', 'Bern']

// The table: one row per i, every column's value a function of i (nulls in city, amount and open_date).
const data = []
for (let i = 0; i < ROWS; i++) {
  data.push({
    customer_id: `C${String(i).padStart(6, '0')}`,
    city: i % 13 === 0 ? null : CITIES[i % 5],
    amount: i % 7 === 0 ? null : Math.round(i * 3713 - 2_000_000) / 100,
    ratio: Math.fround(i * 0.25 - 100),
    units: ((i * 7919) % 2001) - 1000,
    big: BigInt(i) * 1_000_003n - 5_000_000n,
    open_date: i % 11 === 0 ? null : -3650 + i * 3, // days since 1970-01-01
    ts: Date.UTC(2020, 0, 1) + i * 7 * 3_600_000 + (i % 2) * 1234, // ms since 1970-01-01 UTC
    dec: BigInt(i) * 12_345n - 500_000n, // unscaled, scale 2
  })
}

const isoDate = days => new Date(days * DAY_MS).toISOString().slice(0, 10)
const decimalText = (unscaled, scale) => {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0')
  return (negative ? '-' : '') + digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale)
}

// Expected cells per column kind: text, double (shortest round-trip text), date (yyyy-MM-dd); null for null.
const EXPECT = {
  customer_id: ['string', r => r.customer_id],
  city: ['string', r => r.city],
  amount: ['double', r => r.amount],
  ratio: ['double', r => r.ratio],
  units: ['double', r => r.units],
  big: ['double', r => Number(r.big)],
  open_date: ['date', r => (r.open_date === null ? null : isoDate(r.open_date))],
  ts: ['date', r => isoDate(Math.floor(r.ts / DAY_MS))],
  dec: ['decimal', r => decimalText(r.dec, 2)],
}

const manifest = []
function record(file, writer, columns, notes, error) {
  const path = join(out, file)
  const size = statSync(path).size
  if (size > 200 * 1024) throw new Error(`${file} is ${size} bytes, over 200 KB`)
  const entry = { file, writer, notes, columns }
  if (error) entry.error = error
  manifest.push(entry)
}

// ---- arrow-rs (parquet-wasm 0.8.0) ----
const ALL = Object.keys(EXPECT)
function arrowTable() {
  return arrow.makeTable({
    customer_id: arrow.vectorFromArray(data.map(r => r.customer_id), new arrow.Utf8()),
    city: arrow.vectorFromArray(data.map(r => r.city), new arrow.Utf8()),
    amount: arrow.vectorFromArray(data.map(r => r.amount), new arrow.Float64()),
    ratio: arrow.vectorFromArray(data.map(r => r.ratio), new arrow.Float32()),
    units: arrow.vectorFromArray(data.map(r => r.units), new arrow.Int32()),
    big: arrow.vectorFromArray(data.map(r => r.big), new arrow.Int64()),
    open_date: arrow.vectorFromArray(data.map(r => (r.open_date === null ? null : new Date(r.open_date * DAY_MS))), new arrow.DateDay()),
    ts: arrow.vectorFromArray(data.map(r => r.ts), new arrow.TimestampMillisecond()),
  })
}
const ipc = arrow.tableToIPC(arrowTable(), 'stream')
const arrowColumns = ALL.filter(c => c !== 'dec')
function writeArrowRs(file, configure, notes) {
  let builder = new wasm.WriterPropertiesBuilder().setMaxRowGroupSize(600).setDataPageSizeLimit(2048)
  builder = configure(builder)
  const bytes = wasm.writeParquet(wasm.Table.fromIPCStream(ipc), builder.build())
  writeFileSync(join(out, file), bytes)
  record(file, 'arrow-rs (parquet-wasm 0.8.0)', arrowColumns, notes)
}
const { Compression: C, WriterVersion: V, Encoding: E } = wasm
writeArrowRs('arrow-rs-v1-dictionary-snappy.parquet', b => b.setWriterVersion(V.V1).setCompression(C.SNAPPY), 'v1 pages, dictionary, SNAPPY')
writeArrowRs('arrow-rs-v2-dictionary-zstd.parquet', b => b.setWriterVersion(V.V2).setCompression(C.ZSTD), 'v2 pages, dictionary, ZSTD')
writeArrowRs('arrow-rs-v2-plain-delta-gzip.parquet', b => b.setWriterVersion(V.V2).setDictionaryEnabled(false).setCompression(C.GZIP),
  'v2 pages without dictionary: DELTA_BINARY_PACKED integers and dates, DELTA_BYTE_ARRAY text, GZIP')
writeArrowRs('arrow-rs-v1-dictionary-fallback.parquet', b => b.setWriterVersion(V.V1).setDictionaryPageSizeLimit(256).setCompression(C.UNCOMPRESSED),
  'dictionary page limit of 256 bytes: dictionary falls back to PLAIN mid-chunk')
writeArrowRs('arrow-rs-v2-dictionary-fallback.parquet', b => b.setWriterVersion(V.V2).setDictionaryPageSizeLimit(256).setCompression(C.SNAPPY),
  'dictionary page limit of 256 bytes, v2: falls back to DELTA encodings mid-chunk')
writeArrowRs('arrow-rs-v1-lz4-legacy.parquet', b => b.setWriterVersion(V.V1).setCompression(C.LZ4), 'legacy LZ4 codec (Hadoop framing)')
writeArrowRs('arrow-rs-v2-lz4-raw.parquet', b => b.setWriterVersion(V.V2).setCompression(C.LZ4_RAW), 'LZ4_RAW')
writeArrowRs('arrow-rs-v1-brotli.parquet', b => b.setWriterVersion(V.V1).setCompression(C.BROTLI), 'BROTLI')
writeArrowRs('arrow-rs-v2-byte-stream-split.parquet',
  b => b.setWriterVersion(V.V2).setDictionaryEnabled(false).setCompression(C.ZSTD)
    .setColumnEncoding('amount', E.BYTE_STREAM_SPLIT).setColumnEncoding('ratio', E.BYTE_STREAM_SPLIT)
    .setColumnEncoding('units', E.BYTE_STREAM_SPLIT).setColumnEncoding('big', E.BYTE_STREAM_SPLIT)
    .setColumnEncoding('customer_id', E.DELTA_LENGTH_BYTE_ARRAY),
  'BYTE_STREAM_SPLIT on DOUBLE, FLOAT, INT32 and INT64; DELTA_LENGTH_BYTE_ARRAY text')

// ---- polars (nodejs-polars 0.25.2) ----
const frame = pl.DataFrame({
  customer_id: data.map(r => r.customer_id),
  city: data.map(r => r.city),
  amount: data.map(r => r.amount),
  units: data.map(r => r.units),
  open_date: data.map(r => (r.open_date === null ? null : new Date(r.open_date * DAY_MS))),
  ts: data.map(r => new Date(r.ts)),
}).withColumns(pl.col('units').cast(pl.Int32), pl.col('open_date').cast(pl.Date), pl.col('ts').cast(pl.Datetime('us')))
for (const compression of ['zstd', 'snappy', 'lz4', 'gzip', 'brotli', 'uncompressed']) {
  const file = `polars-${compression}.parquet`
  frame.writeParquet(join(out, file), { compression })
  record(file, 'polars (nodejs-polars 0.25.2)', ['customer_id', 'city', 'amount', 'units', 'open_date', 'ts'], `${compression}, µs timestamps`)
}

// ---- hyparquet-writer 0.17.0: explicit encodings per column, v2 pages ----
function writeHyparquet(file, encodings, notes) {
  const schema = [
    { name: 'root', num_children: 8 },
    { name: 'customer_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'amount', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'ratio', type: 'FLOAT', repetition_type: 'REQUIRED' },
    { name: 'units', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'big', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'open_date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    { name: 'dec', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, repetition_type: 'REQUIRED' },
  ]
  const column = (name, values) => ({ name, data: values, encoding: encodings[name] })
  const buffer = parquetWriteBuffer({
    schema,
    pageSize: 4096,
    rowGroupSize: 700,
    codec: 'SNAPPY',
    columnData: [
      column('customer_id', data.map(r => r.customer_id)),
      column('city', data.map(r => r.city)),
      column('amount', data.map(r => r.amount)),
      column('ratio', data.map(r => r.ratio)),
      column('units', data.map(r => r.units)),
      column('big', data.map(r => r.big)),
      column('open_date', data.map(r => (r.open_date === null ? null : new Date(r.open_date * DAY_MS)))),
      column('dec', data.map(r => Number(r.dec) / 100)),
    ],
  })
  writeFileSync(join(out, file), new Uint8Array(buffer))
  record(file, 'hyparquet-writer 0.17.0', ['customer_id', 'city', 'amount', 'ratio', 'units', 'big', 'open_date', 'dec'], notes)
}
writeHyparquet('hyparquet-default.parquet', {}, 'its own choices (dictionary where it pays), v2 pages')
writeHyparquet('hyparquet-delta.parquet', {
  customer_id: 'DELTA_BYTE_ARRAY', city: 'DELTA_LENGTH_BYTE_ARRAY', units: 'DELTA_BINARY_PACKED', big: 'DELTA_BINARY_PACKED',
  open_date: 'DELTA_BINARY_PACKED', dec: 'DELTA_BINARY_PACKED',
}, 'DELTA_BYTE_ARRAY and DELTA_LENGTH_BYTE_ARRAY text, DELTA_BINARY_PACKED INT32, INT64, DATE and DECIMAL(18,2)')
writeHyparquet('hyparquet-byte-stream-split.parquet', {
  amount: 'BYTE_STREAM_SPLIT', ratio: 'BYTE_STREAM_SPLIT', units: 'BYTE_STREAM_SPLIT', big: 'BYTE_STREAM_SPLIT',
  open_date: 'BYTE_STREAM_SPLIT', dec: 'BYTE_STREAM_SPLIT',
}, 'BYTE_STREAM_SPLIT on DOUBLE, FLOAT, INT32, INT64, DATE and DECIMAL(18,2)')

// ---- @dsnp/parquetjs 1.8.8 (and the hand-built INT96 and FIXED_LEN_BYTE_ARRAY decimal files) ----
async function writeParquetjs(file, fields, rowOf, options, columns, notes, error) {
  const schema = new parquetjs.ParquetSchema(fields)
  const writer = await parquetjs.ParquetWriter.openFile(schema, join(out, file), options)
  writer.setRowGroupSize(500)
  for (const r of data) await writer.appendRow(rowOf(r))
  await writer.close()
  record(file, '@dsnp/parquetjs 1.8.8', columns, notes, error)
}
const plainFields = {
  customer_id: { type: 'UTF8' },
  city: { type: 'UTF8', optional: true },
  amount: { type: 'DOUBLE', optional: true },
  units: { type: 'INT32' },
  big: { type: 'INT64' },
  open_date: { type: 'DATE', optional: true },
}
const plainRow = r => ({
  customer_id: r.customer_id,
  ...(r.city === null ? {} : { city: r.city }),
  ...(r.amount === null ? {} : { amount: r.amount }),
  units: r.units,
  big: r.big,
  ...(r.open_date === null ? {} : { open_date: new Date(r.open_date * DAY_MS) }),
})
const plainColumns = Object.keys(plainFields)
await writeParquetjs('parquetjs-plain-v1.parquet', plainFields, plainRow, { pageSize: 200, useDataPageV2: false }, plainColumns, 'PLAIN, v1 pages, many pages')
await writeParquetjs('parquetjs-plain-v2-gzip.parquet', Object.fromEntries(Object.entries(plainFields).map(([k, v]) => [k, { ...v, compression: 'GZIP' }])),
  plainRow, { pageSize: 200, useDataPageV2: true }, plainColumns, 'PLAIN, v2 pages, GZIP')
await writeParquetjs('parquetjs-rle-int32.parquet', { customer_id: { type: 'UTF8' }, units: { type: 'INT32', encoding: 'RLE', typeLength: 32 } },
  r => ({ customer_id: r.customer_id, units: r.units }), { useDataPageV2: false }, ['customer_id', 'units'],
  'INT32 values in the RLE encoding, which the format allows for BOOLEAN only: refused',
  "(column 'units' in row group 1 of 3 uses the RLE encoding, which is not valid for INT32 values)")

// Hand-built: INT96 timestamps as Spark, Hive and Impala write them (nanoseconds of the day, then the Julian day,
// little-endian in 12 bytes), and DECIMAL(38,10) in a 16-byte FIXED_LEN_BYTE_ARRAY (big-endian two's complement).
// parquetjs keeps only 64 bits of an INT96, so it writes the nanoseconds (uncompressed, PLAIN) and the Julian days
// are then put into each value's high 4 bytes, found in row order.
const JULIAN_EPOCH = 2_440_588
const dayOf = ms => Math.floor(ms / DAY_MS)
// One nanosecond past each instant, so no value is all zeros and each is found where it was written.
const nanosOf = ms => BigInt(ms - dayOf(ms) * DAY_MS) * 1_000_000n + 1n
const flba = (unscaled, length) => {
  const bytes = Buffer.alloc(length)
  let v = BigInt.asUintN(8 * length, unscaled)
  for (let k = length - 1; k >= 0; k--) { bytes[k] = Number(v & 0xFFn); v >>= 8n }
  return bytes
}
EXPECT.ts96 = ['date', r => isoDate(dayOf(r.ts))]
EXPECT.wide = ['decimal', r => decimalText(r.dec * 10n ** 8n + 123n, 10)]
const handFile = 'hand-int96-flba-decimal.parquet'
await writeParquetjs(handFile,
  { customer_id: { type: 'UTF8' }, ts96: { type: 'INT96' }, wide: { type: 'DECIMAL', precision: 38, scale: 10, typeLength: 16 } },
  r => ({ customer_id: r.customer_id, ts96: Number(nanosOf(r.ts)), wide: flba(r.dec * 10n ** 8n + 123n, 16) }), { useDataPageV2: false },
  ['customer_id', 'ts96', 'wide'], 'hand-built: INT96 timestamps, DECIMAL(38,10) in FIXED_LEN_BYTE_ARRAY(16)')
{
  const bytes = readFileSync(join(out, handFile))
  const encoded = data.map(r => { const v = Buffer.alloc(12); v.writeBigUInt64LE(nanosOf(r.ts)); return v })
  let from = -1
  for (let i = 0; i < data.length; i++) {
    // Within a page a value follows the one before it; a page's first value is found with its successor (page
    // statistics hold single values, never two in a row).
    let at = from
    if (from < 0 || !bytes.subarray(from, from + 12).equals(encoded[i])) {
      at = bytes.indexOf(Buffer.concat([encoded[i], encoded[i + 1]]), Math.max(from, 4))
    }

    if (at < 0) throw new Error('INT96 value not found')
    bytes.writeUInt32LE(dayOf(data[i].ts) + JULIAN_EPOCH, at + 8)
    from = at + 12
  }
  writeFileSync(join(out, handFile), bytes)
}

// Expected cells once per column (every file holds the same rows, or a subset of the columns).
const expected = Object.fromEntries(Object.entries(EXPECT).map(([name, [kind, cell]]) => [name, { kind, cells: data.map(cell) }]))
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ rows: ROWS, files: manifest, expected }) + '\n')

// arrow-rs reads back every file it can, as a check by hand (the C# tests compare cells with DuckDB too).
for (const entry of manifest) {
  try {
    const table = wasm.readParquet(readFileSync(join(out, entry.file)))
    const rows = arrow.tableFromIPC(table.intoIPCStream()).numRows
    console.log(`${entry.file}: ${statSync(join(out, entry.file)).size} bytes, arrow-rs reads ${rows} rows`)
  } catch (e) {
    console.log(`${entry.file}: arrow-rs cannot read it (${e.message ?? e})`)
  }
}
