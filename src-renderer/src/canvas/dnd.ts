/** DataTransfer type carrying a layer kind from the palette to the canvas. */
export const LAYER_KIND_MIME = 'application/x-layerlab-kind';
