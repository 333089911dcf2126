#include "report/sarif.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <string_view>

namespace dbarch::report {

namespace {

std::string Level(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "warning";
}

// A file path as a URI reference (artifactLocation.uri): bytes outside RFC 3986's unreserved and sub-delimiter
// sets (spaces, '%', '#', non-ASCII…) are percent-encoded, so "V2 add index.sql" stays a valid relative URI.
std::string UriReference(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

int CodePointColumn(std::string_view line, int byte_column) {
  if (byte_column < 1 || static_cast<size_t>(byte_column - 1) > line.size()) return byte_column;
  int column = 1;
  for (size_t i = 0; i + 1 < static_cast<size_t>(byte_column); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::string RenderSarif(const Findings& findings, const std::vector<SarifRule>& rules, const std::string& version,
                        const SarifLineText& line_text) {
  using nlohmann::json;
  json rule_list = json::array();
  std::map<std::string, size_t> rule_index;
  for (const SarifRule& rule : rules) {
    rule_index[rule.id] = rule_list.size();
    json r = {{"id", rule.id},
              {"name", rule.id},
              {"shortDescription", {{"text", rule.summary}}},
              {"defaultConfiguration", {{"level", Level(rule.severity)}}}};
    if (!rule.help.empty()) r["help"] = {{"text", rule.help}};
    rule_list.push_back(std::move(r));
  }
  json results = json::array();
  for (const Finding& f : findings) {
    std::string text = f.message;
    if (!f.explanation.empty()) text += " " + f.explanation;
    json result = {{"ruleId", f.rule_id}, {"level", Level(f.severity)}, {"message", {{"text", text}}}};
    if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) result["ruleIndex"] = it->second;
    if (f.location.known()) {
      json region = json::object();
      if (f.location.line > 0) region["startLine"] = f.location.line;
      if (f.location.column > 0) {
        region["startColumn"] = line_text && f.location.line > 0
                                    ? CodePointColumn(line_text(f.location.file, f.location.line), f.location.column)
                                    : f.location.column;
      }
      if (f.location.length > 0) {
        region["byteOffset"] = f.location.byte_offset;
        region["byteLength"] = f.location.length;
      }
      json physical = {{"artifactLocation", {{"uri", UriReference(f.location.file)}}}};
      if (!region.empty()) physical["region"] = region;
      result["locations"] = json::array({{{"physicalLocation", physical}}});
    }
    // A SARIF fix must say which bytes it replaces (artifactChanges is required): the statement's span, replaced
    // by the suggested SQL. The span excludes the statement's ';', so the replacement does too. Without a span
    // the suggestion travels as a property instead.
    json properties = json::object();
    if (!f.fix_sql.empty()) {
      std::string replacement = f.fix_sql;
      if (!replacement.empty() && replacement.back() == ';') replacement.pop_back();
      if (f.location.known() && f.location.length > 0) {
        json change = {{"artifactLocation", {{"uri", UriReference(f.location.file)}}},
                       {"replacements", json::array({{{"deletedRegion",
                                                        {{"byteOffset", f.location.byte_offset},
                                                         {"byteLength", f.location.length}}},
                                                       {"insertedContent", {{"text", replacement}}}}})}};
        result["fixes"] = json::array({{{"description", {{"text", "Suggested SQL:\n" + f.fix_sql}}},
                                        {"artifactChanges", json::array({change})}}});
      } else {
        properties["fix"] = f.fix_sql;
      }
    }
    if (!f.object.empty()) properties["object"] = f.object;
    if (!properties.empty()) result["properties"] = properties;
    results.push_back(std::move(result));
  }
  json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool",
                              {{"driver",
                                {{"name", "dbarch"},
                                 {"version", version},
                                 {"rules", rule_list}}}}},
                             {"columnKind", "unicodeCodePoints"},
                             {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

}  // namespace dbarch::report
