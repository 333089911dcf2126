// Rebuilds the SQL of a finding with placeholders: each spliced value becomes a parameter; a value spliced
// inside a quoted SQL literal takes the literal's place (its surrounding text, e.g. LIKE's %, moves into the
// host-language value); a list joined into `IN (…)` becomes `= ANY(…)` with the list itself as parameter;
// identifiers (after FROM, ORDER BY, SELECT, …) and ALL_CAPS constants stay spliced, identifiers with a note.
#include <algorithm>
#include <cctype>
#include <set>

#include "analyzers/security/code_scan/scan_internal.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

struct HostPart {
  enum class Kind { kText, kPlaceholder, kExpression } kind;
  std::string text;
};

std::string Upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::string TrimRight(std::string_view text) {
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return end == std::string_view::npos ? std::string() : std::string(text.substr(0, end + 1));
}

std::string TrimLeft(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  return begin == std::string_view::npos ? std::string() : std::string(text.substr(begin));
}

bool InsideQuote(std::string_view sql) { return std::count(sql.begin(), sql.end(), '\'') % 2 == 1; }

// The upper-case words of sql outside quoted literals.
std::vector<std::string> Words(std::string_view sql) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (!quoted && (std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

enum class Slot { kValue, kIdentifier, kSortDirection };

// What SQL expects where a splice sits, from the text before and after it.
Slot SlotAt(std::string_view before_sql, std::string_view after_sql) {
  const std::string before = TrimRight(before_sql);
  const std::string after = TrimLeft(after_sql);
  if (!before.empty() && (before.back() == '.' || before.back() == '"')) return Slot::kIdentifier;
  if (!after.empty() && (after.front() == '.' || after.front() == '"')) return Slot::kIdentifier;
  if (!before.empty() && std::string_view("=<>+-*/%|").find(before.back()) != std::string_view::npos) return Slot::kValue;
  static const std::set<std::string> kClauses = {"SELECT", "FROM", "JOIN", "INTO", "UPDATE", "ORDER", "GROUP",
                                                 "RETURNING", "TABLE", "WHERE", "SET", "VALUES", "HAVING", "LIMIT",
                                                 "OFFSET", "ON", "AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS",
                                                 "BETWEEN", "THEN", "WHEN", "ELSE", "CASE", "USING", "FETCH"};
  static const std::set<std::string> kIdentifierClauses = {"SELECT", "FROM", "JOIN", "INTO", "UPDATE", "ORDER",
                                                           "GROUP", "RETURNING", "TABLE"};
  const std::vector<std::string> words = Words(before);
  std::string clause;
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    if (kClauses.count(*it)) {
      clause = *it;
      break;
    }
  }
  if (!kIdentifierClauses.count(clause)) return Slot::kValue;
  if (clause == "ORDER" && !words.empty() && words.back() != "BY" && !before.empty() && before.back() != ',') {
    return Slot::kSortDirection;
  }
  return Slot::kIdentifier;
}

// `x IN (` before and `)` after: the joined list becomes one array parameter.
bool EndsWithInList(std::string_view before) {
  std::string t = Upper(TrimRight(before));
  if (t.empty() || t.back() != '(') return false;
  t = TrimRight(t.substr(0, t.size() - 1));
  return t.size() >= 3 && t.substr(t.size() - 2) == "IN" && !std::isalnum(static_cast<unsigned char>(t[t.size() - 3]));
}

// Drops the trailing `IN (` (any spacing) of a text; true when it was there.
bool DropInOpen(std::string* text) {
  std::string t = TrimRight(*text);
  if (t.empty() || t.back() != '(') return false;
  t = TrimRight(t.substr(0, t.size() - 1));
  if (t.size() < 2 || Upper(t.substr(t.size() - 2)) != "IN") return false;
  *text = t.substr(0, t.size() - 2);
  return true;
}

// The list behind a joined string: ",".join(ids), ids.join(","), String.join(",", ids), strings.Join(ids, ","),
// implode(",", $ids). The expression itself when it is not one of these.
std::string UnjoinList(const std::string& expression) {
  auto inside = [&](std::size_t open) {
    std::size_t close = expression.rfind(')');
    return open != std::string::npos && close != std::string::npos && close > open
               ? expression.substr(open + 1, close - open - 1)
               : std::string();
  };
  auto after_comma = [](const std::string& args) {
    std::size_t comma = args.find(',');
    return comma == std::string::npos ? args : TrimLeft(args.substr(comma + 1));
  };
  auto before_comma = [](const std::string& args) {
    std::size_t comma = args.find(',');
    return comma == std::string::npos ? args : TrimRight(args.substr(0, comma));
  };
  std::string result;
  if (std::size_t at = expression.find(".join("); at != std::string::npos) {
    const bool literal_receiver = at > 0 && (expression[at - 1] == '"' || expression[at - 1] == '\'');
    if (literal_receiver) {
      result = inside(at + 5);
      if (std::size_t in = result.rfind(" in "); in != std::string::npos && result.find(" for ") != std::string::npos) {
        result = result.substr(in + 4);  // "str(i) for i in ids" → ids
      }
    } else {
      result = expression.substr(0, at);
    }
  } else if (expression.rfind("String.join(", 0) == 0 || expression.rfind("implode(", 0) == 0) {
    result = after_comma(inside(expression.find('(')));
  } else if (expression.rfind("strings.Join(", 0) == 0) {
    result = before_comma(inside(expression.find('(')));
  }
  return result.empty() ? expression : result;
}

std::string NameFor(const std::string& expression, std::set<std::string>* used) {
  std::string best, word;
  for (char c : expression + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (!word.empty() && !std::isdigit(static_cast<unsigned char>(word[0])) && word != "self" && word != "this" &&
          word != "str" && word != "int") {
        best = word;
      }
      word.clear();
    }
  }
  if (best.empty()) best = "p";
  std::string name = best;
  for (int n = 2; used->count(name); ++n) name = best + "_" + std::to_string(n);
  used->insert(name);
  return name;
}

}  // namespace

std::string HostLiteral(Language language, std::string_view raw) {
  std::string text;
  bool space = false;
  for (char c : raw) {  // one line: runs of white space become one space
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += c;
  }
  if (space) text += ' ';
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '\\' || c == '"') out += '\\';
    if (language == Language::kRuby && c == '#' && next == '{') out += '\\';
    if (language == Language::kPhp && c == '$' && (IsIdentifierStart(next) || next == '{')) out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string HostConcat(Language language, const std::vector<Piece>& parts) {
  const std::string op = language == Language::kPhp ? " . " : " + ";
  std::string out;
  for (const auto& part : parts) {
    if (part.kind == Piece::Kind::kLiteral && part.text.empty()) continue;
    if (!out.empty()) out += op;
    out += part.kind == Piece::Kind::kLiteral ? HostLiteral(language, part.text) : part.text;
  }
  return out.empty() ? HostLiteral(language, "") : out;
}

ParameterizedSql Parameterize(const std::vector<Piece>& pieces, Language language, Placeholder style,
                              std::string_view clause) {
  ParameterizedSql out;
  out.parse_sql = std::string(clause);
  std::vector<HostPart> host;
  std::set<std::string> used_names;
  auto add_text = [&](const std::string& text) {
    out.parse_sql += text;
    if (!host.empty() && host.back().kind == HostPart::Kind::kText) {
      host.back().text += text;
    } else {
      host.push_back({HostPart::Kind::kText, text});
    }
  };
  auto add_parameter = [&](const std::string& value) {
    out.values.push_back(value);
    if (style == Placeholder::kNamed) out.names.push_back(NameFor(value, &used_names));
    out.parse_sql += "$" + std::to_string(out.values.size());
    host.push_back({HostPart::Kind::kPlaceholder, ""});
  };
  // A constant that was interpolated (f"{LIMIT}") may be a number: concatenated, it needs a conversion.
  auto as_text = [language](const Piece& piece) {
    if (piece.kind != Piece::Kind::kConstant || piece.construction == "concatenation") return piece.text;
    switch (language) {
      case Language::kPython: return "str(" + piece.text + ")";
      case Language::kRuby: return piece.text + ".to_s";
      case Language::kGo: return "fmt.Sprint(" + piece.text + ")";
      default: return piece.text;
    }
  };
  auto add_kept = [&](const Piece& piece, const std::string& stand_in) {
    out.parse_sql += stand_in;
    host.push_back({HostPart::Kind::kExpression, as_text(piece)});
  };
  // Drops the last `count` characters of the SQL so far (they move into a value or are rewritten).
  auto drop_tail = [&](std::size_t count) {
    if (host.empty() || host.back().kind != HostPart::Kind::kText || host.back().text.size() < count) return false;
    host.back().text.resize(host.back().text.size() - count);
    out.parse_sql.resize(out.parse_sql.size() - count);
    return true;
  };
  auto rewrite_in_list = [&]() {  // `IN (` → `= ANY(`
    if (host.empty() || host.back().kind != HostPart::Kind::kText) return false;
    std::string text = host.back().text, parse = out.parse_sql;
    if (!DropInOpen(&text) || !DropInOpen(&parse)) return false;
    host.back().text = text + "= ANY(";
    out.parse_sql = parse + "= ANY(";
    return true;
  };

  for (std::size_t p = 0; p < pieces.size(); ++p) {
    const Piece& piece = pieces[p];
    if (piece.kind == Piece::Kind::kLiteral) {
      add_text(piece.text);
      continue;
    }
    const std::string next = p + 1 < pieces.size() && pieces[p + 1].kind == Piece::Kind::kLiteral ? pieces[p + 1].text : "";
    if (InsideQuote(out.parse_sql)) {
      if (piece.kind == Piece::Kind::kConstant) {
        add_kept(piece, "x");
        continue;
      }
      // The whole quoted literal becomes the parameter; text inside the quotes moves into the value.
      const std::size_t quote = out.parse_sql.rfind('\'');
      const std::string prefix = out.parse_sql.substr(quote + 1);
      if (!drop_tail(prefix.size() + 1)) {
        add_parameter(piece.text);
        continue;
      }
      std::vector<Piece> value = {Piece{Piece::Kind::kLiteral, prefix, ""}, piece};
      std::string remainder;
      std::size_t q = p + 1;
      for (; q < pieces.size(); ++q) {
        if (pieces[q].kind != Piece::Kind::kLiteral) {
          value.push_back(pieces[q]);
          continue;
        }
        const std::string& text = pieces[q].text;
        std::size_t close = std::string::npos;
        for (std::size_t i = 0; i < text.size(); ++i) {
          if (text[i] != '\'') continue;
          if (i + 1 < text.size() && text[i + 1] == '\'') { ++i; continue; }  // '' inside the literal
          close = i;
          break;
        }
        if (close == std::string::npos) {
          value.push_back(pieces[q]);
          continue;
        }
        value.push_back(Piece{Piece::Kind::kLiteral, text.substr(0, close), ""});
        remainder = text.substr(close + 1);
        break;
      }
      const bool whole_value = value.size() == 3 && value[0].text.empty() && value[2].kind == Piece::Kind::kLiteral && value[2].text.empty();
      const bool in_list = EndsWithInList(out.parse_sql) && TrimLeft(remainder).rfind(')', 0) == 0 && whole_value;
      if (in_list && rewrite_in_list()) {
        add_parameter(UnjoinList(piece.text));
        out.arrays.push_back(out.values.back());
      } else {
        add_parameter(whole_value ? piece.text : HostConcat(language, value));
      }
      add_text(remainder);
      p = q;
      continue;
    }
    if (piece.kind == Piece::Kind::kValue && EndsWithInList(out.parse_sql) && TrimLeft(next).rfind(')', 0) == 0 &&
        rewrite_in_list()) {
      add_parameter(UnjoinList(piece.text));
      out.arrays.push_back(out.values.back());
      continue;
    }
    const Slot slot = SlotAt(out.parse_sql, next);
    if (slot != Slot::kValue) {
      if (piece.kind == Piece::Kind::kValue) out.identifiers.push_back(piece.text);
      add_kept(piece, slot == Slot::kSortDirection ? "ASC" : "dbarch_identifier_" + std::to_string(out.identifiers.size() + 1));
      continue;
    }
    if (piece.kind == Piece::Kind::kConstant) {
      add_kept(piece, "dbarch_constant");
      continue;
    }
    add_parameter(piece.text);
  }

  out.parse_sql.erase(0, std::min(clause.size(), out.parse_sql.size()));

  // The host-language SQL argument.
  std::vector<Piece> parts;
  std::size_t placeholder = 0;
  for (const auto& part : host) {
    if (part.kind == HostPart::Kind::kExpression) {
      parts.push_back(Piece{Piece::Kind::kValue, part.text, ""});
      continue;
    }
    std::string text;
    if (part.kind == HostPart::Kind::kText) {
      text = part.text;
      if (style == Placeholder::kPercentS && !out.values.empty()) {  // DB-API: a literal % is %% when parameters are passed
        std::string escaped;
        for (char c : text) escaped += c == '%' ? std::string("%%") : std::string(1, c);
        text = escaped;
      }
    } else {
      ++placeholder;
      switch (style) {
        case Placeholder::kPercentS: text = "%s"; break;
        case Placeholder::kQuestion: text = "?"; break;
        case Placeholder::kDollar: text = "$" + std::to_string(placeholder); break;
        case Placeholder::kQuestionNumbered: text = "?" + std::to_string(placeholder); break;
        case Placeholder::kNamed: text = ":" + out.names[placeholder - 1]; break;
      }
    }
    if (!parts.empty() && parts.back().kind == Piece::Kind::kLiteral) {
      parts.back().text += text;
    } else {
      parts.push_back(Piece{Piece::Kind::kLiteral, text, ""});
    }
  }
  // The statement's own leading and trailing white space (triple-quoted SQL) is not kept.
  if (!parts.empty() && parts.front().kind == Piece::Kind::kLiteral) parts.front().text = TrimLeft(parts.front().text);
  if (!parts.empty() && parts.back().kind == Piece::Kind::kLiteral) parts.back().text = TrimRight(parts.back().text);
  out.host_sql = HostConcat(language, parts);
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
