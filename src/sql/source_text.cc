#include "sql/source_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

namespace dbarch::sql {

SourceText::SourceText(std::string name, std::string content)
    : name_(std::move(name)), content_(std::move(content)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < content_.size(); ++i) {
    if (content_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

bool IsValidUtf8(std::string_view text, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    std::size_t extra;
    uint32_t min_cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; min_cp = 0x80; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; min_cp = 0x800; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; min_cp = 0x10000; }
    else { if (bad_offset) *bad_offset = i; return false; }
    uint32_t cp = c & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) { if (bad_offset) *bad_offset = i; return false; }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += extra + 1;
  }
  return true;
}

Result<SourceText> SourceText::ReadFile(const std::string& path) {
  std::string content;
  if (path == "-") {
    content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    // One read into a string of the file's size: copying through an ifstream's and an ostringstream's
    // buffers was a tenth of the lint workers' time on a corpus of many small files.
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::NotFound(fmt::format("cannot open '{}'", path));
    struct stat info {};
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) content.resize(static_cast<std::size_t>(info.st_size));
    std::size_t filled = 0;
    bool failed = false;
    for (;;) {
      if (filled == content.size()) content.resize(std::max<std::size_t>(content.size() * 2, 4096));
      const ssize_t n = read(fd, content.data() + filled, content.size() - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed = n < 0;
        break;
      }
      filled += static_cast<std::size_t>(n);
    }
    close(fd);
    if (failed) return Status::IoError(fmt::format("cannot read '{}'", path));
    content.resize(filled);
  }
  SourceText text(path, std::move(content));
  // Strip a UTF-8 byte order mark, keeping offsets consistent by blanking it.
  if (text.content_.rfind("\xEF\xBB\xBF", 0) == 0) text.content_.replace(0, 3, "   ");
  if (auto nul = text.content_.find('\0'); nul != std::string::npos) {
    return Status::InvalidInput("file contains NUL bytes; expected SQL text, this looks like a binary file",
                                text.Locate(nul));
  }
  std::size_t bad = 0;
  if (!IsValidUtf8(text.content_, &bad)) {
    return Status::InvalidInput(
        fmt::format("invalid UTF-8 (byte 0x{:02X}); expected UTF-8 text — convert the file, e.g. with iconv",
                    static_cast<unsigned char>(text.content_[bad])),
        text.Locate(bad));
  }
  return text;
}

SourceLocation SourceText::Locate(std::size_t byte_offset, std::size_t length) const {
  byte_offset = std::min(byte_offset, content_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  SourceLocation loc;
  loc.file = name_;
  loc.line = static_cast<int>(line_index + 1);
  loc.column = static_cast<int>(byte_offset - line_starts_[line_index] + 1);
  loc.byte_offset = byte_offset;
  loc.length = length;
  return loc;
}

std::string_view SourceText::Line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = static_cast<std::size_t>(line) < line_starts_.size() ? line_starts_[line] - 1 : content_.size();
  std::string_view view(content_.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

std::string SourceText::FormatError(std::size_t byte_offset, std::string_view message) const {
  SourceLocation loc = Locate(byte_offset);
  std::string line(Line(loc.line));
  std::string caret;
  // Columns count bytes (as compilers do); the caret is aligned by characters so it sits under the token.
  for (int i = 1; i < loc.column && static_cast<std::size_t>(i - 1) < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i - 1]);
    if ((c & 0xC0) == 0x80) continue;
    caret += c == '\t' ? '\t' : ' ';
  }
  // Messages about an unterminated literal quote the rest of the file; keep the first line.
  std::string first_line(message.substr(0, message.find('\n')));
  if (first_line.size() < message.size()) first_line += "…";
  return fmt::format("{}: error: {}\n  {}\n  {}^", loc.ToString(), first_line, line, caret);
}

}  // namespace dbarch::sql
