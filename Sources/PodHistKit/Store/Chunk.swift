import CZlib
import Foundation

/// The unit of the log: the facts of one import about a few thousand objects, encoded by
/// `ChunkCodec` and compressed.
///
/// Encoding 4 (see schema/chunk-format.md): `ChunkCodec`'s payload, compressed with zlib against
/// a preset dictionary of strings Kubernetes repeats (`ChunkDictionary`). The row also holds the
/// uncompressed size and a CRC-32 of the compressed bytes, which `verify` checks. Encoding 3 (one
/// object per chunk, `FactCodec`'s payload) is what schema version 1 stored; it is read only to
/// migrate such a store.
struct Chunk {
  static let encoding: Int64 = 4
  static let legacyEncoding: Int64 = 3

  var data: [UInt8]
  var rawSize: Int
  var crc: UInt32
  var factCount: Int

  /// Encodes and compresses groups (one object each) of one import.
  static func encode(_ groups: [ChunkGroup], with compressor: Compressor = Compressor()) throws -> Chunk {
    let raw = try ChunkCodec.encode(groups)
    return try compress(raw, factCount: groups.reduce(0) { $0 + $1.facts.count }, with: compressor)
  }

  /// Compresses an encoded payload.
  static func compress(_ raw: [UInt8], factCount: Int, with compressor: Compressor) throws -> Chunk {
    let out = try compressor.deflate(raw)
    return Chunk(data: out, rawSize: raw.count, crc: Chunk.checksum(out), factCount: factCount)
  }

  /// CRC-32 (zlib's) of `bytes`.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    UInt32(bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
  }

  /// Decompresses and decodes stored bytes (the groups `wanted` picks, all by default); throws
  /// when they are damaged.
  static func decode(_ data: [UInt8], rawSize: Int, wanted: ((ObjectRef) -> Bool)? = nil) throws -> [ChunkGroup] {
    try ChunkCodec.decode(try inflate(data, rawSize: rawSize), wanted: wanted)
  }

  /// The facts of an encoding-3 chunk (schema version 1), for migrating such a store.
  static func decodeLegacy(_ data: [UInt8], rawSize: Int) throws -> [Fact] {
    try FactCodec.decodeLegacy(try inflate(data, rawSize: rawSize, zlibWrapped: true))
  }

  /// Inflates a chunk: a raw deflate stream (encoding 4) or a zlib stream (encoding 3), both
  /// against the preset dictionary.
  static func inflate(_ data: [UInt8], rawSize: Int, zlibWrapped: Bool = false) throws -> [UInt8] {
    var stream = z_stream()
    let initRC = zlibWrapped ? podhist_inflateInit(&stream) : podhist_inflateInit2(&stream, -15)
    guard initRC == Z_OK else { throw StoreError.internalFailure("zlib inflateInit failed") }
    defer { inflateEnd(&stream) }
    guard rawSize >= 0, rawSize <= 1 << 30 else { throw StoreError.damaged("chunk has an impossible size") }
    if !zlibWrapped {
      let rc = ChunkDictionary.bytes.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
      guard rc == Z_OK else { throw StoreError.internalFailure("zlib inflateSetDictionary failed") }
    }
    var rc: Int32 = Z_OK
    let out = [UInt8](unsafeUninitializedCapacity: max(rawSize, 1)) { outBuf, initialized in
      data.withUnsafeBufferPointer { inBuf in
        stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
        stream.avail_in = uInt(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = uInt(outBuf.count)
        rc = CZlib.inflate(&stream, Z_FINISH)
        if rc == Z_NEED_DICT {
          let dict = ChunkDictionary.bytes
          _ = dict.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
          rc = CZlib.inflate(&stream, Z_FINISH)
        }
      }
      // Bytes zlib did not write are zeroed, so the array is always fully initialized.
      let written = min(Int(stream.total_out), outBuf.count)
      if let base = outBuf.baseAddress, written < outBuf.count { (base + written).initialize(repeating: 0, count: outBuf.count - written) }
      initialized = outBuf.count
    }
    guard rc == Z_STREAM_END, Int(stream.total_out) == rawSize else {
      throw StoreError.damaged("chunk does not decompress (zlib \(rc))")
    }
    return out
  }
}

/// One zlib deflate stream, reset (and given the preset dictionary again) for every chunk
/// instead of being set up and torn down per chunk.
final class Compressor {
  private var stream = z_stream()
  private var ready = false
  private var out: [UInt8] = []
  static let level: Int32 = 6

  init() {}

  deinit { if ready { deflateEnd(&stream) } }

  /// The zlib stream of `raw` compressed against `ChunkDictionary`.
  func deflate(_ raw: [UInt8]) throws -> [UInt8] {
    if ready {
      guard deflateReset(&stream) == Z_OK else { throw StoreError.internalFailure("zlib deflateReset failed") }
    } else {
      // Level 6, a 32 KiB window, a raw stream (the chunk row has its own CRC-32).
      let rc = podhist_deflateInitRaw(&stream, Compressor.level)
      guard rc == Z_OK else { throw StoreError.internalFailure("zlib deflateInit failed") }
      ready = true
    }
    let dictRC = ChunkDictionary.bytes.withUnsafeBufferPointer {
      deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
    }
    guard dictRC == Z_OK else { throw StoreError.internalFailure("zlib deflateSetDictionary failed") }
    let bound = Int(deflateBound(&stream, uLong(raw.count))) + 16
    if out.count < bound { out = [UInt8](repeating: 0, count: bound) }
    let rc: Int32 = raw.withUnsafeBufferPointer { inBuf in
      out.withUnsafeMutableBufferPointer { outBuf in
        stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
        stream.avail_in = uInt(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = uInt(outBuf.count)
        return CZlib.deflate(&stream, Z_FINISH)
      }
    }
    guard rc == Z_STREAM_END else { throw StoreError.internalFailure("zlib deflate failed (\(rc))") }
    return Array(out[0..<Int(stream.total_out)])
  }
}

/// The JSON coders for status facts inside chunks (sorted keys: the same fact, the same bytes).
enum FactCoding {
  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
  }()
  static let decoder = JSONDecoder()
}

/// The preset zlib dictionary of chunk encoding 2: strings that Kubernetes dumps repeat (the most
/// frequent last, where zlib finds them cheapest). Part of the file format: never change it in
/// place; a new dictionary needs a new encoding number.
enum ChunkDictionary {
  static let text = """
  {"body":{"status":{"_0":{"conditions":[{"lastTransition":"reason":"status":"True","type":"Initialized"},\
  {"status":"False","type":"Ready"},"ContainersReady","PodScheduled","PodReadyToStartContainers",\
  "containers":[{"fieldLines":{"kind":"regular","init","sidecar","name":"image":"imageID":"containerID":\
  "lastState":{"exitCode":"finishedAt":"startedAt":"kind":"terminated","waiting","running","ready":false,\
  "restartCount":"spec":{"ports":[{"containerPort":"protocol":"TCP"}],"liveness":{"failureThreshold":3,\
  "initialDelaySeconds":"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1,"type":"http-get","tcp-socket",\
  "path":"/healthz","port":"readiness":"requests":{"cpu":"memory":"limits":"mounts":["/var/run/secrets/kubernetes.io/serviceaccount from \
  kube-api-access- (ro)"],"started":true,"origin":"object","describe","table","phase":"Running","Pending",\
  "Succeeded","Failed","podIP":"hostIP":"node":"startTime":"creationTime":"restartPolicy":"Always","owner":"ReplicaSet/\
  "qosClass":"BestEffort","Burstable","Guaranteed","row":{"status":"age":"volumes":[{"type":"configMap","secret",\
  "persistentVolumeClaim","projected","source":"clock":"absolute","object":{"kind":"Pod","namespace":"observed":\
  "provenance":{"firstLine":"format":"importID":"lastLine":"source":"uncertainty":0}\
  events.k8s.io/v1 default-scheduler kube-scheduler replicaset-controller job-controller statefulset-controller \
  node-controller taint-eviction-controller kubelet apps/v1 ReplicaSet StatefulSet Job DaemonSet Deployment Node \
  spec.initContainers{ spec.containers{ Binding Scheduling Preempting \
  Error: ErrImagePull Error: ImagePullBackOff Error: configmap  not found Error: secret \
  Failed to pull image " rpc error: code = NotFound desc = failed to pull and unpack image  manifest unknown \
  pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: \
  Back-off pulling image " Container image " already present on machine Successfully pulled image " in  \
  (including waiting). Image size:  bytes. Pulling image " MountVolume.SetUp failed for volume " : \
  configmap " not found Unable to attach or mount volumes: unmounted volumes=[ timed out waiting for the condition \
  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \
  0/12 nodes are available:  Insufficient cpu, Insufficient memory.  node(s) didn't match Pod's node affinity/selector. \
  preemption: 0/12 nodes are available:  No preemption victims found for incoming pod.  Preemption is not helpful for scheduling. \
  The node was low on resource: memory. Threshold quantity: , available: . Container  was using , request is , \
  has larger consumption of memory. ephemeral-storage. Stopping container  Pod was active on the node longer than the specified deadline \
  Readiness probe failed: HTTP probe failed with statuscode: 503 Startup probe failed: Liveness probe failed: \
  Get "http:// dial tcp  connect: connection refused context deadline exceeded (Client.Timeout exceeded while awaiting headers) \
  failed liveness probe, will be restarted failed startup probe, will be restarted Container  \
  Back-off restarting failed container  in pod  Created container  Started container  Created pod:  Deleted pod:  \
  Successfully assigned  to  Normal Warning Pod Unhealthy Killing BackOff Pulled Pulling Created Started Scheduled \
  FailedScheduling FailedMount Failed SuccessfulCreate SuccessfulDelete SandboxChanged FailedCreatePodSandBox Evicted
  """
  static let bytes: [UInt8] = Array(text.utf8)
}
