#include "report/rewrite_text.h"

#include <fmt/format.h>

#include "common/text.h"

namespace dbarch::report {
namespace {

std::string Location(const RewriteEntry& e) {
  if (e.query == nullptr || e.query->occurrences.empty()) return "";
  return e.query->occurrences.front().ToString();
}


// "$3 = p.created_at, $4 = p.id"
std::string CursorList(const analyzers::KeysetPaging& paging) {
  std::string out;
  for (const auto& p : paging.cursor_parameters) out += fmt::format("{}${} = {}", out.empty() ? "" : ", ", p.number, p.expression);
  return out;
}

constexpr const char* kCursorSource = "from the last row of the previous page";

}  // namespace

std::vector<RewriteEntry> PairRewrites(const std::vector<analyzers::QueryRewrite>& rewrites,
                                       const std::vector<verify::RewriteCheck>& checks, const model::Workload& workload) {
  std::vector<RewriteEntry> out;
  for (const auto& r : rewrites) {
    RewriteEntry e;
    e.rewrite = &r;
    for (const auto& c : checks) {
      if (c.fingerprint == r.fingerprint && c.rule_id == r.rule_id) e.check = &c;
    }
    for (const auto& q : workload.queries) {
      if (q.fingerprint == r.fingerprint) e.query = &q;
    }
    out.push_back(e);
  }
  return out;
}

std::string VerificationLine(const verify::RewriteCheck& c) {
  if (!c.ran) return "not verified: " + c.error;
  std::string out = c.same_rows ? fmt::format("same rows{} on {} parameter sample{} ({} row{} with the first{})",
                                              c.in_order ? " in the same order" : "", c.samples,
                                              c.samples == 1 ? "" : "s", c.rows, c.rows == 1 ? "" : "s",
                                              c.in_order ? fmt::format(", at OFFSET {}", c.offset) : "")
                                : "DIFFERENT ROWS " + c.difference;
  out += fmt::format("; planner cost {:.1f} → {:.1f}", c.cost_before, c.cost_after);
  if (c.before && c.after) {
    out += fmt::format("; median {:.3f} ms → {:.3f} ms", c.before->median_ms, c.after->median_ms);
    if (c.after->median_ms > 0) out += fmt::format(" ({:.2f}×)", c.before->median_ms / c.after->median_ms);
  }
  return out + " — " + std::string(verify::VerdictText(c.verdict));
}

std::string RewritesText(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason) {
  std::string out;
  for (const auto& e : entries) {
    const auto& r = *e.rewrite;
    const std::string where = Location(e);
    out += fmt::format("{}{}  {}\n", where.empty() ? "" : where + ": ", r.rule_id, r.title);
    out += "  before:\n" + IndentLines(r.original_sql, "    ");
    out += "  after:\n" + IndentLines(r.rewritten_sql, "    ");
    out += "  why: " + r.why + "\n";
    if (!r.caveat.empty()) out += "  caveat: " + r.caveat + "\n";
    if (r.keyset) {
      out += fmt::format("  cursor: {} ({})\n", CursorList(*r.keyset), kCursorSource);
      if (!r.keyset->suggested_index.empty()) out += "  index serving it (none yet): " + r.keyset->suggested_index + "\n";
    }
    if (e.check != nullptr) {
      out += "  verified: " + VerificationLine(*e.check) + "\n";
      if (e.check->ran) {
        out += "  plan before: " + e.check->plan_before + "\n";
        out += "  plan after:  " + e.check->plan_after + "\n";
      }
    } else if (!not_verified_reason.empty()) {
      out += "  not verified: " + not_verified_reason + "\n";
    }
    out += "\n";
  }
  out += fmt::format("{} rewrite(s)\n", entries.size());
  return out;
}

std::string RewritesMarkdown(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason) {
  if (entries.empty()) return "";
  std::string out = "### Rewrites\n\n";
  for (const auto& e : entries) {
    const auto& r = *e.rewrite;
    const std::string where = Location(e);
    out += fmt::format("#### {} — `{}`{}\n\n", r.title, r.rule_id, where.empty() ? "" : fmt::format(" (`{}`)", where));
    out += r.why + "\n\n";
    if (!r.caveat.empty()) out += "**Caveat:** " + r.caveat + "\n\n";
    if (r.keyset) {
      out += fmt::format("**Cursor parameters** ({}): `{}`\n\n", kCursorSource, CursorList(*r.keyset));
      if (!r.keyset->suggested_index.empty()) out += "**Index serving it (none yet):** `" + r.keyset->suggested_index + "`\n\n";
    }
    out += "Before:\n\n```sql\n" + r.original_sql + "\n```\n\nAfter:\n\n```sql\n" + r.rewritten_sql + "\n```\n\n";
    if (e.check != nullptr) {
      out += "**Verified:** " + VerificationLine(*e.check) + "\n\n";
      if (e.check->ran) {
        out += "- plan before: `" + e.check->plan_before + "`\n- plan after: `" + e.check->plan_after + "`\n\n";
      }
    } else if (!not_verified_reason.empty()) {
      out += "*Not verified: " + not_verified_reason + "*\n\n";
    }
  }
  return out;
}

std::string RewritesHtml(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason) {
  if (entries.empty()) return "";
  std::string out = "<h3>Rewrites</h3>\n";
  for (const auto& e : entries) {
    const auto& r = *e.rewrite;
    const std::string where = Location(e);
    out += fmt::format("<div class=\"rewrite\">\n<h4>{} — <code>{}</code>{}</h4>\n", HtmlEscape(r.title),
                       HtmlEscape(r.rule_id), where.empty() ? "" : " (<code>" + HtmlEscape(where) + "</code>)");
    out += "<p>" + HtmlEscape(r.why) + "</p>\n";
    if (!r.caveat.empty()) out += "<p><strong>Caveat:</strong> " + HtmlEscape(r.caveat) + "</p>\n";
    if (r.keyset) {
      out += fmt::format("<p><strong>Cursor parameters</strong> ({}): <code>{}</code></p>\n", kCursorSource,
                         HtmlEscape(CursorList(*r.keyset)));
      if (!r.keyset->suggested_index.empty()) {
        out += "<p><strong>Index serving it (none yet):</strong> <code>" + HtmlEscape(r.keyset->suggested_index) + "</code></p>\n";
      }
    }
    out += "<p>Before:</p><pre>" + HtmlEscape(r.original_sql) + "</pre>\n<p>After:</p><pre>" +
           HtmlEscape(r.rewritten_sql) + "</pre>\n";
    if (e.check != nullptr) {
      out += "<p><strong>Verified:</strong> " + HtmlEscape(VerificationLine(*e.check)) + "</p>\n";
      if (e.check->ran) {
        out += "<ul><li>plan before: <code>" + HtmlEscape(e.check->plan_before) + "</code></li><li>plan after: <code>" +
               HtmlEscape(e.check->plan_after) + "</code></li></ul>\n";
      }
    } else if (!not_verified_reason.empty()) {
      out += "<p><em>Not verified: " + HtmlEscape(not_verified_reason) + "</em></p>\n";
    }
    out += "</div>\n";
  }
  return out;
}

nlohmann::json RewritesJson(const std::vector<RewriteEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) {
    const auto& r = *e.rewrite;
    nlohmann::json j = {{"fingerprint", r.fingerprint}, {"rule", r.rule_id},         {"title", r.title},
                        {"original_sql", r.original_sql}, {"rewritten_sql", r.rewritten_sql}, {"why", r.why},
                        {"caveat", r.caveat},           {"location", Location(e)}};
    if (r.keyset) {
      nlohmann::json cursor = nlohmann::json::array();
      for (const auto& p : r.keyset->cursor_parameters) {
        cursor.push_back({{"parameter", p.number}, {"expression", p.expression}, {"from", "the last row of the previous page"}});
      }
      j["cursor_parameters"] = cursor;
      if (!r.keyset->suggested_index.empty()) j["suggested_index"] = r.keyset->suggested_index;
    }
    if (e.check != nullptr) {
      const auto& c = *e.check;
      nlohmann::json v = {{"ran", c.ran}, {"verdict", std::string(verify::VerdictText(c.verdict))}};
      if (!c.ran) v["error"] = c.error;
      if (c.ran) {
        v["same_rows"] = c.same_rows;
        v["samples"] = c.samples;
        v["rows"] = c.rows;
        if (!c.difference.empty()) v["difference"] = c.difference;
        if (c.in_order) {
          v["in_order"] = true;
          v["offset"] = c.offset;
        }
        v["cost_before"] = c.cost_before;
        v["cost_after"] = c.cost_after;
        v["plan_before"] = c.plan_before;
        v["plan_after"] = c.plan_after;
        if (c.before) v["median_ms_before"] = c.before->median_ms;
        if (c.after) v["median_ms_after"] = c.after->median_ms;
      }
      j["verification"] = v;
    }
    out.push_back(j);
  }
  return out;
}

}  // namespace dbarch::report
