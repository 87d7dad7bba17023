/**
 * A TFLite `ModelMetadata` flatbuffer (schema: google-ai-edge/mediapipe, mediapipe/tasks/metadata/
 * metadata_schema.fbs; file identifier "M001") saying that the model's input is an RGB image and how to
 * normalize it. That is what @mediapipe/tasks-vision needs before it runs a float model.
 */
import * as flatbuffers from 'flatbuffers';

export interface InputMetadata {
  name: string;
  description: string;
  inputName: string;
  outputNames: string[];
  mean: number;
  std: number;
  /** Range of the normalized input, for the Stats table. */
  min: number;
  max: number;
}

// Field slots and enum values from metadata_schema.fbs.
const CONTENT_PROPERTIES_IMAGE = 2; // ContentProperties union: ImageProperties
const COLOR_SPACE_RGB = 1;
const PROCESS_UNIT_NORMALIZATION = 1; // ProcessUnitOptions union: NormalizationOptions

export function buildModelMetadata(m: InputMetadata): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const floats = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
    return b.endVector();
  };
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]!);
    return b.endVector();
  };

  // ImageProperties { color_space }
  b.startObject(2);
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  const image = b.endObject();
  // Content { content_properties_type, content_properties }
  b.startObject(3);
  b.addFieldInt8(0, CONTENT_PROPERTIES_IMAGE, 0);
  b.addFieldOffset(1, image, 0);
  const content = b.endObject();
  // NormalizationOptions { mean, std }
  const mean = floats([m.mean]);
  const std = floats([m.std]);
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  // ProcessUnit { options_type, options }
  b.startObject(2);
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsets([processUnit]);
  // Stats { max, min }
  const max = floats([m.max]);
  const min = floats([m.min]);
  b.startObject(2);
  b.addFieldOffset(0, max, 0);
  b.addFieldOffset(1, min, 0);
  const stats = b.endObject();
  // TensorMetadata { name 0, description 1, content 3, process_units 4, stats 5 }
  const inputName = b.createString(m.inputName);
  const inputDescription = b.createString('RGB image');
  b.startObject(7);
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(1, inputDescription, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  b.addFieldOffset(5, stats, 0);
  const input = b.endObject();
  const outputs = m.outputNames.map((n) => {
    const name = b.createString(n);
    b.startObject(7);
    b.addFieldOffset(0, name, 0);
    return b.endObject();
  });
  // SubGraphMetadata { input_tensor_metadata 2, output_tensor_metadata 3 }
  const inputs = offsets([input]);
  const outputVector = offsets(outputs);
  b.startObject(10);
  b.addFieldOffset(2, inputs, 0);
  b.addFieldOffset(3, outputVector, 0);
  const subgraph = b.endObject();
  // ModelMetadata { name 0, description 1, version 2, subgraph_metadata 3, min_parser_version 7 }
  const name = b.createString(m.name);
  const description = b.createString(m.description);
  const version = b.createString('ashir-models-1');
  const subgraphs = offsets([subgraph]);
  const parser = b.createString('1.0.0');
  b.startObject(8);
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(2, version, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, parser, 0);
  const root = b.endObject();
  b.finish(root, 'M001');
  return b.asUint8Array();
}
