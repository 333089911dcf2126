#include "common/text.h"

#include <cctype>
#include <cstring>

namespace dbarch {

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Ellipsize(std::string text, std::size_t keep_bytes) {
  if (text.size() <= keep_bytes) return text;
  std::size_t cut = keep_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string IndentLines(std::string_view text, std::string_view prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += prefix;
    out += text.substr(start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view lower_word) {
  if (lower_word.empty()) return true;
  if (text.size() < lower_word.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const char first = lower_word.front();
  const char first_upper = first >= 'a' && first <= 'z' ? static_cast<char>(first - 'a' + 'A') : first;
  const std::size_t last_start = text.size() - lower_word.size();
  for (char candidate : {first, first_upper}) {
    for (std::size_t pos = 0; pos <= last_start;) {
      const void* hit = std::memchr(text.data() + pos, candidate, last_start - pos + 1);
      if (!hit) break;
      pos = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
      std::size_t i = 1;
      while (i < lower_word.size() && lower(text[pos + i]) == lower_word[i]) ++i;
      if (i == lower_word.size()) return true;
      ++pos;
    }
    if (first_upper == first) break;
  }
  return false;
}

}  // namespace dbarch
