// PHP: code between <?php / <?= and ?>, '…' (no interpolation), "…" and heredocs with $var, $var->prop,
// $var[key], {$expr} and ${name} interpolation, nowdocs, // # and /* */ comments.
#include <algorithm>
#include <cctype>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

// Reads a double-quoted/heredoc body in [i, end) and splits it at its interpolations.
void ReadInterpolated(std::string_view s, std::size_t i, std::size_t end, StringLiteral* literal) {
  std::string text;
  auto flush = [&] {
    if (!text.empty()) literal->parts.push_back({false, std::move(text)});
    text.clear();
  };
  while (i < end) {
    char c = s[i];
    if (c == '\\' && i + 1 < end) {
      i += 1 + AppendEscape(s, i + 1, &text);
      continue;
    }
    if (c == '{' && i + 1 < end && s[i + 1] == '$') {  // {$expr}
      std::size_t close = std::min(FindClosingBrace(s, i + 1), end);
      flush();
      literal->parts.push_back({true, std::string(s.substr(i + 1, close - i - 1))});
      i = std::min(close + 1, end);
      continue;
    }
    if (c == '$' && i + 1 < end && s[i + 1] == '{') {  // ${name}
      std::size_t close = std::min(FindClosingBrace(s, i + 2), end);
      flush();
      literal->parts.push_back({true, "$" + std::string(s.substr(i + 2, close - i - 2))});
      i = std::min(close + 1, end);
      continue;
    }
    if (c == '$' && i + 1 < end && IsIdentifierStart(s[i + 1])) {  // $name, $name->prop, $name[key]
      std::size_t j = i + 1;
      while (j < end && IsIdentifierChar(s[j])) ++j;
      if (j + 2 < end && s[j] == '-' && s[j + 1] == '>' && IsIdentifierStart(s[j + 2])) {
        j += 2;
        while (j < end && IsIdentifierChar(s[j])) ++j;
      } else if (j < end && s[j] == '[') {
        std::size_t close = s.find(']', j);
        if (close != std::string_view::npos && close < end) j = close + 1;
      }
      flush();
      literal->parts.push_back({true, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    text += c;
    ++i;
  }
  flush();
}

}  // namespace

TokenStream LexPhp(std::string_view s) {
  TokenStream out;
  auto push = [&out](TokenKind kind, std::size_t b, std::size_t e, std::string text) {
    PushToken(&out, kind, b, e, std::move(text));
  };
  auto push_string = [&out](std::size_t b, std::size_t e, StringLiteral literal) {
    PushString(&out, b, e, std::move(literal));
  };
  // Outside the PHP tags is template text.
  std::size_t i = 0;
  bool in_php = s.find("<?") == std::string_view::npos;  // a fragment without tags is all code
  while (i < s.size()) {
    if (!in_php) {
      std::size_t open = s.find("<?", i);
      if (open == std::string_view::npos) break;
      for (std::size_t k = i; k < open; ++k) {
        if (s[k] == '\n') push(TokenKind::kNewline, k, k + 1, "\n");
      }
      i = open + 2;
      if (s.substr(i, 3) == "php") i += 3;
      else if (i < s.size() && s[i] == '=') ++i;
      in_php = true;
      push(TokenKind::kPunct, open, i, ";");
      continue;
    }
    char c = s[i];
    if (c == '\n') {
      push(TokenKind::kNewline, i, i + 1, "\n");
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (s.substr(i, 2) == "?>") {
      push(TokenKind::kPunct, i, i + 2, ";");
      i += 2;
      in_php = false;
      continue;
    }
    if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
      while (i < s.size() && s[i] != '\n' && s.substr(i, 2) != "?>") ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      std::size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    const std::size_t start = i;
    if (s.substr(i, 3) == "<<<") {  // heredoc <<<ID / <<<"ID", nowdoc <<<'ID'
      std::size_t j = i + 3;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      char quote = 0;
      if (j < s.size() && (s[j] == '\'' || s[j] == '"')) quote = s[j++];
      std::size_t id_start = j;
      while (j < s.size() && IsIdentifierChar(s[j])) ++j;
      std::string id(s.substr(id_start, j - id_start));
      if (quote != 0 && j < s.size() && s[j] == quote) ++j;
      std::size_t body = s.find('\n', j);
      if (!id.empty() && body != std::string_view::npos) {
        ++body;
        std::size_t line = body, body_end = s.size(), resume = s.size();
        while (line < s.size()) {
          std::size_t eol = s.find('\n', line);
          std::string_view content = s.substr(line, (eol == std::string_view::npos ? s.size() : eol) - line);
          std::size_t b = content.find_first_not_of(" \t");
          if (b != std::string_view::npos && content.substr(b, id.size()) == id &&
              (b + id.size() == content.size() || !IsIdentifierChar(content[b + id.size()]))) {
            body_end = line == body ? body : line - 1;  // the newline before the terminator is not part of it
            resume = line + b + id.size();
            break;
          }
          if (eol == std::string_view::npos) break;
          line = eol + 1;
        }
        StringLiteral literal;
        literal.kind = "string interpolation";
        if (quote == '\'') {
          literal.parts.push_back({false, std::string(s.substr(body, body_end - body))});
        } else {
          ReadInterpolated(s, body, body_end, &literal);
        }
        push_string(start, resume, std::move(literal));
        i = resume;
        continue;
      }
    }
    if (c == '\'') {
      StringLiteral literal;
      std::string text;
      ++i;
      while (i < s.size() && s[i] != '\'') {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '\'' || s[i + 1] == '\\')) ++i;
        text += s[i];
        ++i;
      }
      i = std::min(i + 1, s.size());
      if (!text.empty()) literal.parts.push_back({false, std::move(text)});
      push_string(start, i, std::move(literal));
      continue;
    }
    if (c == '"' || c == '`') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? 2 : 1;
      j = std::min(j, s.size());
      StringLiteral literal;
      literal.kind = "string interpolation";
      ReadInterpolated(s, i + 1, j, &literal);
      i = std::min(j + 1, s.size());
      if (c == '`') {
        push(TokenKind::kPunct, start, i, "command");
      } else {
        push_string(start, i, std::move(literal));
      }
      continue;
    }
    if (IsIdentifierStart(c) || (c == '$' && i + 1 < s.size() && IsIdentifierStart(s[i + 1])) || c == '\\') {
      std::size_t j = i + 1;
      while (j < s.size() && (IsIdentifierChar(s[j]) || s[j] == '\\')) ++j;  // namespaced names: \PDO
      push(TokenKind::kIdentifier, i, j, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    i = LexNumberOrPunct(s, i, &out);
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
