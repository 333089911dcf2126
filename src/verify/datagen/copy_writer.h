// Rows in COPY's text format (tab-separated, \N for NULL, backslash escapes), built in one growing buffer
// that the loader hands to PgConnection::CopyIn chunk by chunk. Values are written straight into the buffer
// and escaped in place only when they contain a character that needs it, so generated values (which rarely
// do) cost one scan.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dbarch::verify::datagen {

// The COPY text form of one value: backslash, newline, carriage return and tab escaped.
std::string CopyEscape(std::string_view value);

class CopyRowWriter {
 public:
  explicit CopyRowWriter(std::string* out) : out_(out) {}

  // Starts the next field of the current row (writes the separator when needed) and returns the buffer to
  // append the raw value to; call EndValue() after appending.
  std::string* BeginValue() {
    if (fields_ > 0) out_->push_back('\t');
    ++fields_;
    value_start_ = out_->size();
    return out_;
  }
  // Escapes what was appended since BeginValue().
  void EndValue();
  void AppendValue(std::string_view value) {
    BeginValue()->append(value);
    EndValue();
  }
  void AppendNull() {
    if (fields_ > 0) out_->push_back('\t');
    ++fields_;
    out_->append("\\N");
  }
  void EndRow() {
    out_->push_back('\n');
    fields_ = 0;
    ++rows_;
  }
  size_t rows() const { return rows_; }

 private:
  std::string* out_;
  size_t value_start_ = 0;
  int fields_ = 0;
  size_t rows_ = 0;
};

}  // namespace dbarch::verify::datagen
