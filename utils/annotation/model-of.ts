import { buildTextModel, type TextModel } from './text-model';

/** Accepts either a root node (the model is built) or a model already built for that root. */
export function modelOf(rootOrModel: Node | TextModel): TextModel {
  return 'rawPos' in rootOrModel ? rootOrModel : buildTextModel(rootOrModel);
}
