/**
 * The layer scanner: `docker save` streams the image into a temp dir, and each layer tar is read
 * on its own. Content checks look at every layer, because a file deleted in a later layer still
 * ships in the earlier one (a `.env` copied and then removed is still in the image).
 *
 * Both save formats are read: the classic one (`<id>/layer.tar`) and the OCI layout that newer
 * engines write (`blobs/sha256/<digest>`), through the `manifest.json` both carry.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { NestshipError } from '../errors.js';
import type { Engine } from './engine.js';

export type FileType = 'file' | 'dir' | 'symlink' | 'link' | 'other';

export interface LayerFile {
  /** Absolute path inside the image, for example `/usr/src/app/dist/main.js`. */
  path: string;
  type: FileType;
  size: number;
  mode: number;
  uid: number;
  /** Link target for symlinks and hard links. */
  link?: string;
  /** The file's bytes, kept only for the files a caller asked for (small config files). */
  content?: Buffer;
}

export interface Layer {
  /** Position from the bottom (0 is the base image's first layer). */
  index: number;
  diffId: string;
  /** Bytes of the uncompressed layer tar. */
  size: number;
  /** The history line that made it, for example `COPY dist ./dist # buildkit`. */
  createdBy: string;
  /** True for the layers of the base image, which were not read file by file. */
  base: boolean;
  files: LayerFile[];
  /** Paths this layer deletes (whiteouts), as absolute paths. */
  deletes: string[];
  /** Directories this layer makes opaque (their lower contents are hidden). */
  opaque: string[];
}

export interface ImageScan {
  layers: Layer[];
  /** The image config's history, oldest first, with the layer each non-empty entry made. */
  history: Array<{ createdBy: string; emptyLayer: boolean; layer?: number }>;
}

export interface ScanOptions {
  /**
   * How many bottom layers belong to the base image: listed by size only, not read. A function is
   * asked once the image's history is known.
   */
  baseLayers: number | ((history: ImageScan['history']) => number);
  /** Which files to keep the bytes of (small files only; the size is checked first). */
  keepContent?: (path: string, size: number) => boolean;
  /** Where to put the temp dir (default: the OS temp dir). */
  tempRoot?: string;
}

interface SavedManifest {
  Config: string;
  Layers: string[];
}

interface ImageConfigJson {
  rootfs?: { diff_ids?: string[] };
  history?: Array<{ created_by?: string; empty_layer?: boolean }>;
}

/** Saves the image and reads every layer above the base, file by file. */
export async function scanImage(engine: Engine, ref: string, options: ScanOptions): Promise<ImageScan> {
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'nestship-save-'));
  try {
    // Step 1: stream `docker save` straight into files, so the archive never sits on disk twice.
    await saveInto(engine, ref, dir);

    // Step 2: the manifest names the config and the layer files, bottom first.
    const [manifest] = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as SavedManifest[];
    if (!manifest) throw new NestshipError(`docker save of ${ref} has an empty manifest`);
    const config = JSON.parse(await readFile(join(dir, manifest.Config), 'utf8')) as ImageConfigJson;
    const diffIds = config.rootfs?.diff_ids ?? [];

    // Step 3: history entries that made a layer line up with the layers in order.
    const history: ImageScan['history'] = [];
    let next = 0;
    for (const entry of config.history ?? []) {
      const emptyLayer = entry.empty_layer === true;
      history.push({
        createdBy: entry.created_by ?? '',
        emptyLayer,
        ...(emptyLayer ? {} : { layer: next++ }),
      });
    }

    // Step 4: read each layer tar; the base image's layers only by size.
    const baseLayers = typeof options.baseLayers === 'function' ? options.baseLayers(history) : options.baseLayers;
    const layers: Layer[] = [];
    for (const [index, file] of manifest.Layers.entries()) {
      const path = join(dir, file);
      const base = index < baseLayers;
      const createdBy = history.find((h) => h.layer === index)?.createdBy ?? '';
      const layer: Layer = {
        index,
        diffId: diffIds[index] ?? '',
        size: (await fileSize(path)),
        createdBy,
        base,
        files: [],
        deletes: [],
        opaque: [],
      };
      if (!base) await readLayer(path, layer, options.keepContent);
      layers.push(layer);
    }
    return { layers, history };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function fileSize(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** `docker save REF`, unpacked into `dir` as it streams. */
async function saveInto(engine: Engine, ref: string, dir: string): Promise<void> {
  const child = spawn(engine.client, ['save', ref], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const target = normalize(join(dir, header.name));
    if (header.type !== 'file' || !target.startsWith(dir)) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    mkdir(dirname(target), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(target)))
      .then(() => next(), next);
  });
  try {
    await pipeline(child.stdout, extract);
  } catch (error) {
    child.kill();
    throw new NestshipError(`docker save ${ref} could not be read`, { cause: error });
  }
  const code = await exited;
  if (code !== 0) throw new NestshipError(`docker save ${ref} failed: ${stderr.trim().split('\n')[0]}`);
}

/** Reads one layer tar (plain or gzip) into the layer's file list. */
async function readLayer(
  path: string,
  layer: Layer,
  keepContent: ScanOptions['keepContent'],
): Promise<void> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  let source: Readable = createReadStream(path);
  if (gzip) source = source.pipe(createGunzip());

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const path = '/' + header.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const base = path.slice(path.lastIndexOf('/') + 1);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';

    // Whiteouts: `.wh..wh..opq` hides a directory's lower contents, `.wh.NAME` deletes NAME.
    if (base === '.wh..wh..opq') layer.opaque.push(parent);
    else if (base.startsWith('.wh.')) layer.deletes.push(join(parent, base.slice(4)));
    else {
      const size = header.size ?? 0;
      const file: LayerFile = {
        path,
        type: typeOf(header.type),
        size: header.type === 'file' || header.type === 'contiguous-file' ? size : 0,
        mode: header.mode ?? 0,
        uid: header.uid ?? 0,
        ...(header.linkname ? { link: header.linkname } : {}),
      };
      layer.files.push(file);
      if (file.type === 'file' && keepContent?.(path, size)) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: unknown) => chunks.push(c as Buffer));
        stream.on('end', () => {
          file.content = Buffer.concat(chunks);
          next();
        });
        return;
      }
    }
    stream.on('end', next);
    stream.resume();
  });
  await pipeline(source, extract);
}

function typeOf(type: tar.Header['type']): FileType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    default:
      return 'other';
  }
}

/** A file as it is in the image's final filesystem, with the layer that last wrote it. */
export interface FinalFile extends LayerFile {
  layer: number;
}

/**
 * The image's final filesystem above the base: each layer's files applied in order, with its
 * whiteouts removing what lower layers wrote.
 */
export function finalFilesystem(scan: ImageScan): Map<string, FinalFile> {
  const files = new Map<string, FinalFile>();
  const removeUnder = (dir: string, self: boolean): void => {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    for (const path of files.keys()) {
      if ((self && path === dir) || path.startsWith(prefix)) files.delete(path);
    }
  };
  for (const layer of scan.layers) {
    for (const dir of layer.opaque) removeUnder(dir, false);
    for (const gone of layer.deletes) removeUnder(gone, true);
    for (const file of layer.files) files.set(file.path, { ...file, layer: layer.index });
  }
  return files;
}

/** Every file in every layer above the base, with the layer it is in (deleted or not). */
export function* everyLayerFile(scan: ImageScan): Generator<FinalFile> {
  for (const layer of scan.layers) {
    for (const file of layer.files) yield { ...file, layer: layer.index };
  }
}
