// The text of one input file with fast byte-offset -> line:column mapping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/location.h"
#include "dbarch/status.h"

namespace dbarch::sql {

class SourceText {
 public:
  SourceText(std::string name, std::string content);

  // Reads a file; "-" reads standard input. Fails on unreadable files, NUL bytes (binary input) and
  // invalid UTF-8, naming the first offending position.
  static Result<SourceText> ReadFile(const std::string& path);

  const std::string& name() const { return name_; }
  const std::string& content() const { return content_; }

  // Location of a byte offset (clamped to the text), with the given span length.
  SourceLocation Locate(std::size_t byte_offset, std::size_t length = 0) const;
  // The text of a 1-based line without its line terminator.
  std::string_view Line(int line) const;
  // "file:line:col: error: message\n  <source line>\n  ^" — the compiler-style error block.
  std::string FormatError(std::size_t byte_offset, std::string_view message) const;

 private:
  std::string name_;
  std::string content_;
  std::vector<std::size_t> line_starts_;
};

// Checks that text is valid UTF-8; on failure returns the offset of the first bad byte.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset);

}  // namespace dbarch::sql
