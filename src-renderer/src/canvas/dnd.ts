/** DataTransfer type carrying a layer kind from the palette to the canvas. */
export const LAYER_KIND_MIME = 'application/x-layerlab-kind';
/** DataTransfer type carrying a saved block (JSON of SavedBlock) from the palette's My blocks to the canvas. */
export const SAVED_BLOCK_MIME = 'application/x-layerlab-block';
