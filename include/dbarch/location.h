// Where something came from in the user's input: a file, a 1-based line and column, and the byte span.
#pragma once

#include <cstddef>
#include <string>

namespace dbarch {

struct SourceLocation {
  std::string file;        // as the user named it (relative paths stay relative); "-" for standard input
  int line = 0;            // 1-based; 0 when unknown
  int column = 0;          // 1-based, in bytes; 0 when unknown
  std::size_t byte_offset = 0;
  std::size_t length = 0;  // length of the span in bytes (0 = a point)

  bool known() const { return !file.empty(); }
  // "file:line:col", "file:line" or "file" depending on what is known.
  std::string ToString() const;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

}  // namespace dbarch
