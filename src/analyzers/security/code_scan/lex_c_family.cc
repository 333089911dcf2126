// JavaScript/TypeScript ('…' "…" `template ${…}`, tagged templates, regex literals), Go ("…", `raw`, 'r')
// and Java ("…", """text blocks""", 'c'), all with // and /* */ comments.
#include <algorithm>
#include <cctype>

#include "analyzers/security/code_scan/lexer.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

bool IsWordChar(char c) { return IsIdentifierChar(c) || c == '$'; }

// JavaScript: whether a `/` starts a regular expression rather than dividing, from the token before it.
bool RegexAllowedAfter(const std::vector<Token>& tokens) {
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    if (it->kind == TokenKind::kNewline) continue;
    if (it->kind == TokenKind::kString || it->kind == TokenKind::kNumber) return false;
    if (it->kind == TokenKind::kIdentifier) {
      static const char* kKeywords[] = {"return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "await", "yield"};
      return std::any_of(std::begin(kKeywords), std::end(kKeywords), [&](const char* k) { return it->text == k; });
    }
    return it->text != ")" && it->text != "]" && it->text != "}";
  }
  return true;
}

bool TagsTemplate(const std::vector<Token>& tokens) {
  if (tokens.empty()) return false;
  const Token& last = tokens.back();
  if (last.kind != TokenKind::kIdentifier) return last.kind == TokenKind::kPunct && last.text == ")";  // sql.raw(x)`…`
  static const char* kNotTags[] = {"return", "await", "yield", "typeof", "case", "in", "of", "throw", "new", "else", "do"};
  return std::none_of(std::begin(kNotTags), std::end(kNotTags), [&](const char* k) { return last.text == k; });
}

}  // namespace

TokenStream LexCFamily(std::string_view s, Language language) {
  TokenStream out;
  std::size_t i = 0;
  auto push = [&out](TokenKind kind, std::size_t b, std::size_t e, std::string text) {
    PushToken(&out, kind, b, e, std::move(text));
  };
  auto push_string = [&out](std::size_t b, std::size_t e, StringLiteral literal) {
    PushString(&out, b, e, std::move(literal));
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      push(TokenKind::kNewline, i, i + 1, "\n");
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      std::size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    const std::size_t start = i;
    if (language == Language::kJavaScript && c == '/' && RegexAllowedAfter(out.tokens)) {
      bool in_class = false;
      ++i;
      while (i < s.size() && s[i] != '\n') {
        if (s[i] == '\\') { i += 2; continue; }
        if (s[i] == '[') in_class = true;
        if (s[i] == ']') in_class = false;
        if (s[i] == '/' && !in_class) { ++i; break; }
        ++i;
      }
      while (i < s.size() && IsWordChar(s[i])) ++i;  // flags
      i = std::min(i, s.size());
      push(TokenKind::kPunct, start, i, "regex");
      continue;
    }
    // Java text block """…""", Go raw string `…`, JavaScript template `…${…}…`.
    const bool text_block = language == Language::kJava && s.substr(i, 3) == "\"\"\"";
    if (text_block || (c == '`' && language != Language::kJava)) {
      const bool template_literal = c == '`' && language == Language::kJavaScript;
      const std::string_view close = text_block ? "\"\"\"" : "`";
      StringLiteral literal;
      literal.kind = template_literal ? "template literal" : "";
      literal.tagged = template_literal && TagsTemplate(out.tokens);
      std::string text;
      i += close.size();
      if (text_block) {  // the opening delimiter's line holds nothing else
        std::size_t eol = s.find('\n', i);
        i = eol == std::string_view::npos ? s.size() : eol + 1;
      }
      while (i < s.size() && s.compare(i, close.size(), close) != 0) {
        if (s[i] == '\\' && language != Language::kGo) {
          i += 1 + AppendEscape(s, i + 1, &text);
          continue;
        }
        if (template_literal && s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
          std::size_t end = std::min(FindClosingBrace(s, i + 2), s.size());
          if (!text.empty()) literal.parts.push_back({false, std::move(text)});
          text.clear();
          std::string expression(s.substr(i + 2, end - i - 2));
          std::size_t b = expression.find_first_not_of(" \t\n"), e = expression.find_last_not_of(" \t\n");
          literal.parts.push_back({true, b == std::string::npos ? "" : expression.substr(b, e - b + 1)});
          i = std::min(end + 1, s.size());
          continue;
        }
        text += s[i];
        ++i;
      }
      i = std::min(i + close.size(), s.size());
      if (!text.empty()) literal.parts.push_back({false, std::move(text)});
      push_string(start, i, std::move(literal));
      continue;
    }
    if (c == '"' || c == '\'') {
      StringLiteral literal;
      std::string text;
      ++i;
      while (i < s.size() && s[i] != c && s[i] != '\n') {
        if (s[i] == '\\') {
          i += 1 + AppendEscape(s, i + 1, &text);
          continue;
        }
        text += s[i];
        ++i;
      }
      i = std::min(i + 1, s.size());
      if (!text.empty()) literal.parts.push_back({false, std::move(text)});
      if (c == '\'' && language != Language::kJavaScript) {
        push(TokenKind::kNumber, start, i, "char");  // Go rune / Java char: not text
      } else {
        push_string(start, i, std::move(literal));
      }
      continue;
    }
    if (IsWordChar(c) && !std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < s.size() && IsWordChar(s[j])) ++j;
      push(TokenKind::kIdentifier, i, j, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    i = LexNumberOrPunct(s, i, &out);
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
