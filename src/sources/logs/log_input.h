// The bytes of a log file, decompressed as they are read: plain text, gzip (.gz, also several concatenated
// members as logrotate's copytruncate may produce) through zlib, zstd (.zst) through libzstd, or standard
// input ("-"). The compression is recognised from the first bytes, not from the file name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "dbarch/status.h"

namespace dbarch::sources::logs {

class LogInput {
 public:
  virtual ~LogInput() = default;
  // Reads up to `capacity` decompressed bytes; 0 at the end of the input.
  virtual Result<size_t> Read(char* out, size_t capacity) = 0;
  // Bytes consumed from the file so far (compressed size for compressed files): for progress.
  virtual int64_t raw_bytes_read() const = 0;
  virtual std::string_view compression() const = 0;  // "none", "gzip", "zstd"
  // True when compressed data ended in the middle of a frame (a file cut off while being written or
  // copied): what came before was returned, the rest is missing.
  virtual bool truncated() const { return false; }
};

// Opens `path` ("-" = standard input). Fails with NotFound / IoError naming the path.
Result<std::unique_ptr<LogInput>> OpenLogInput(const std::string& path);

}  // namespace dbarch::sources::logs
