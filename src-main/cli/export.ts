// `layerlab export FILE --format tfjs|pytorch|keras|onnx --out DIR [--run RUN_ID]`.
import type { CliCommand } from './args';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export FILE --format tfjs|pytorch|keras|onnx --out DIR [--run ID]',
  summary: 'write model files (tfjs, ONNX) or runnable PyTorch / Keras code',
  help: [
    'Usage: layerlab export FILE.layerlab.json --format tfjs|pytorch|keras|onnx --out DIR [options]',
    '       layerlab export --run RUN_ID --format ... --out DIR',
    '',
    'Formats:',
    '  tfjs     model.json + weights.bin (TensorFlow.js Layers format: tf.loadLayersModel,',
    '           tensorflowjs_converter) and layerlab-custom-layers.js, which registers LayerLab\'s own',
    '           layer classes. Weights come from --run; without it the model gets fresh initial weights.',
    '  pytorch  model.py: an nn.Module, the same loss, optimizer and hyperparameters, a training loop,',
    '           --ddp for torchrun / DistributedDataParallel; data.npz with the dataset as LayerLab',
    '           loads it; with --run also weights.npz (start from them with --weights weights.npz).',
    '  keras    model_keras.py: Keras (TensorFlow 2) functional model, --distribute for',
    '           tf.distribute.MirroredStrategy; data.npz as for pytorch.',
    '  onnx     model.onnx (ONNX opset 17, dynamic batch axis) with the weights as initializers, for',
    '           onnxruntime, Netron, TensorRT, OpenVINO; weights as for tfjs. A layer kind or setting',
    '           ONNX cannot express is named before anything is written.',
    '',
    'Options:',
    '  --run ID        use a stored run: its graph and trained weights (see `layerlab train`)',
    '  --template ID   export a built-in template instead of a file',
    '  --no-data       do not write data.npz (the script then needs --data or --data-dir)',
    '',
    'Exit code 0 on success, 1 when the export fails, 2 on bad input.',
  ].join('\n'),
  async run(args) {
    const { runExport } = await import('./export-run');
    return runExport(args);
  },
};
