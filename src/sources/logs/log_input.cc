#include "sources/logs/log_input.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace dbarch::sources::logs {
namespace {

// A file descriptor with the first bytes already read (they decide the compression).
class RawFile {
 public:
  RawFile(int fd, std::string name, bool close) : fd_(fd), name_(std::move(name)), close_(close) {}
  ~RawFile() {
    if (close_) ::close(fd_);
  }
  Result<size_t> Read(char* out, size_t capacity) {
    if (peeked_pos_ < peeked_.size()) {
      const size_t n = std::min(capacity, peeked_.size() - peeked_pos_);
      std::memcpy(out, peeked_.data() + peeked_pos_, n);
      peeked_pos_ += n;
      return n;
    }
    return ReadFd(out, capacity);
  }
  Result<size_t> ReadFd(char* out, size_t capacity) {
    while (true) {
      const ssize_t n = ::read(fd_, out, capacity);
      if (n >= 0) {
        bytes_ += n;
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) return Status::IoError(name_ + ": " + std::strerror(errno));
    }
  }
  Status Peek(size_t n) {
    peeked_.resize(n);
    size_t have = 0;
    while (have < n) {
      auto got = ReadFd(peeked_.data() + have, n - have);
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      have += *got;
    }
    peeked_.resize(have);
    peeked_pos_ = 0;
    return Status::Ok();
  }
  const std::vector<char>& peeked() const { return peeked_; }
  int64_t bytes() const { return bytes_; }
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  bool close_;
  std::vector<char> peeked_;
  size_t peeked_pos_ = 0;
  int64_t bytes_ = 0;
};

class PlainInput : public LogInput {
 public:
  explicit PlainInput(std::unique_ptr<RawFile> file) : file_(std::move(file)) {}
  Result<size_t> Read(char* out, size_t capacity) override { return file_->Read(out, capacity); }
  int64_t raw_bytes_read() const override { return file_->bytes(); }
  std::string_view compression() const override { return "none"; }

 private:
  std::unique_ptr<RawFile> file_;
};

constexpr size_t kInputBuffer = 1 << 18;

class GzipInput : public LogInput {
 public:
  explicit GzipInput(std::unique_ptr<RawFile> file) : file_(std::move(file)), in_(kInputBuffer) {
    std::memset(&stream_, 0, sizeof stream_);
    inflateInit2(&stream_, 15 + 32);  // gzip or zlib header, detected
  }
  ~GzipInput() override { inflateEnd(&stream_); }

  Result<size_t> Read(char* out, size_t capacity) override {
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(capacity);
    while (stream_.avail_out == capacity && !finished_) {
      if (stream_.avail_in == 0) {
        auto got = file_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          truncated_ = in_member_;
          finished_ = true;
          break;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(*got);
      }
      in_member_ = true;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&stream_);  // a following member continues the text
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::InvalidInput(file_->name() + ": gzip data is corrupt (" +
                                    (stream_.msg ? stream_.msg : "inflate failed") + ")");
      }
    }
    return capacity - stream_.avail_out;
  }
  int64_t raw_bytes_read() const override { return file_->bytes(); }
  std::string_view compression() const override { return "gzip"; }
  bool truncated() const override { return truncated_; }

 private:
  std::unique_ptr<RawFile> file_;
  std::vector<char> in_;
  z_stream stream_;
  bool finished_ = false;
  bool in_member_ = false;
  bool truncated_ = false;
};

class ZstdInput : public LogInput {
 public:
  explicit ZstdInput(std::unique_ptr<RawFile> file)
      : file_(std::move(file)), in_(ZSTD_DStreamInSize()), context_(ZSTD_createDCtx()) {}
  ~ZstdInput() override { ZSTD_freeDCtx(context_); }

  Result<size_t> Read(char* out, size_t capacity) override {
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos == 0) {
      if (input_.pos == input_.size) {
        auto got = file_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          truncated_ = pending_ != 0;
          return size_t{0};
        }
        input_ = ZSTD_inBuffer{in_.data(), *got, 0};
      }
      pending_ = ZSTD_decompressStream(context_, &output, &input_);
      if (ZSTD_isError(pending_))
        return Status::InvalidInput(file_->name() + ": zstd data is corrupt (" + ZSTD_getErrorName(pending_) + ")");
    }
    return output.pos;
  }
  int64_t raw_bytes_read() const override { return file_->bytes(); }
  std::string_view compression() const override { return "zstd"; }
  bool truncated() const override { return truncated_; }

 private:
  std::unique_ptr<RawFile> file_;
  std::vector<char> in_;
  ZSTD_DCtx* context_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  size_t pending_ = 0;
  bool truncated_ = false;
};

}  // namespace

Result<std::unique_ptr<LogInput>> OpenLogInput(const std::string& path) {
  int fd = 0;
  const bool is_stdin = path == "-";
  if (!is_stdin) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": " + std::strerror(error));
    }
  }
  auto file = std::make_unique<RawFile>(fd, is_stdin ? "<stdin>" : path, !is_stdin);
  if (Status peeked = file->Peek(4); !peeked.ok()) return peeked;
  const auto& magic = file->peeked();
  auto byte = [&](size_t i) { return i < magic.size() ? static_cast<unsigned char>(magic[i]) : 0u; };
  if (byte(0) == 0x1f && byte(1) == 0x8b) return std::unique_ptr<LogInput>(new GzipInput(std::move(file)));
  if (byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd)
    return std::unique_ptr<LogInput>(new ZstdInput(std::move(file)));
  return std::unique_ptr<LogInput>(new PlainInput(std::move(file)));
}

}  // namespace dbarch::sources::logs
