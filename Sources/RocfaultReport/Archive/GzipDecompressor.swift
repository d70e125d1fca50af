import CZlib

/// gzip decompression through zlib, for the device coredump copies the daemon keeps compressed.
package enum GzipDecompressor {
    /// zlib could not decompress (not gzip, damaged), or the output passed the limit.
    package struct Failure: Error, CustomStringConvertible {
        /// zlib's return code, or 0 for the size limit.
        package var code: Int32

        package var description: String {
            code == 0 ? "gzip data larger than the limit" : "gzip decompression failed (zlib error \(code))"
        }
    }

    /// The decompressed bytes of a gzip member, at most `limit` of them.
    package static func decompress(_ input: [UInt8], limit: Int = 256 << 20) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(code: Z_STREAM_ERROR)
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var source = input
        var status: Int32 = Z_OK
        try source.withUnsafeMutableBufferPointer { (inBuffer) throws(Failure) in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            while status != Z_STREAM_END {
                status = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                guard status == Z_OK || status == Z_STREAM_END else { throw Failure(code: status) }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                guard output.count <= limit else { throw Failure(code: 0) }
            }
        }
        return output
    }
}
