/** What the two training steps (train-extract.ts, choose-restore.ts) share. */
import path from 'node:path';

export const SEED = 11;
export const MODEL_FILE = path.resolve(process.cwd(), 'utils/extraction/extract-model.json');
// A switch in the model (a page type's filter, its restored removals) goes on only when it beats
// leaving it off by this much shingle F1 on train pages: a smaller gain is noise.
export const MIN_GAIN = 0.005;
