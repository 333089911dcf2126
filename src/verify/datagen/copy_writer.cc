#include "verify/datagen/copy_writer.h"

#include <algorithm>

namespace dbarch::verify::datagen {
namespace {

bool NeedsEscape(char c) { return c == '\\' || c == '\n' || c == '\r' || c == '\t'; }

void AppendEscaped(std::string_view value, std::string* out) {
  for (char c : value) {
    switch (c) {
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: out->push_back(c);
    }
  }
}

}  // namespace

std::string CopyEscape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  AppendEscaped(value, &out);
  return out;
}

void CopyRowWriter::EndValue() {
  const auto begin = out_->begin() + static_cast<std::ptrdiff_t>(value_start_);
  if (std::none_of(begin, out_->end(), NeedsEscape)) return;
  const std::string raw = out_->substr(value_start_);
  out_->resize(value_start_);
  AppendEscaped(raw, out_);
}

}  // namespace dbarch::verify::datagen
