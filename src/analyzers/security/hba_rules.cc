// pg_hba.conf: who may connect from where, and how they prove who they are. `trust` lets anyone who can
// reach the socket or address in as any role; `password` sends it in cleartext; `md5` is a weak, replayable
// challenge; an address of all / 0.0.0.0/0 opens the rule to the whole network.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

namespace {

bool AnyAddress(const HbaRule& rule) {
  return rule.address == "all" || ((rule.address == "0.0.0.0" || rule.address == "::") &&
                                   (rule.netmask == "0.0.0.0" || rule.netmask == "::" || rule.netmask.empty()));
}

std::string Describe(const HbaRule& rule) {
  std::string where = rule.type == "local" ? "local socket" : fmt::format("{} {}", rule.type, rule.address);
  if (!rule.netmask.empty()) where += "/" + rule.netmask;
  return fmt::format("pg_hba.conf line {}: {} database {} user {} method {}", rule.line, where,
                     fmt::join(rule.databases, ","), fmt::join(rule.users, ","), rule.auth_method);
}

}  // namespace

void RunHbaRules(const SecuritySnapshot& live, Findings* out) {
  if (!live.hba_known) return;
  for (const auto& rule : live.hba_rules) {
    if (!rule.error.empty() || rule.auth_method == "reject") continue;
    SourceLocation where;
    where.file = "pg_hba.conf";
    where.line = rule.line;
    if (rule.auth_method == "trust") {
      Finding f = NewFinding("security/hba-trust", where, live.server);
      f.message = fmt::format("{} lets clients in as {} without any password", Describe(rule),
                              rule.users.empty() ? "any role" : fmt::format("{}", fmt::join(rule.users, ", ")));
      f.explanation = rule.type == "local"
                          ? "Anyone with a shell on the server who can open the socket connects as any role, "
                            "superusers included. Use peer (OS user = role) for local administration."
                          : "Anyone who can reach this address connects as any role without proving who they are.";
      f.evidence.push_back(Describe(rule));
      f.fix_sql = rule.type == "local" ? "# pg_hba.conf: local all all peer   (then SELECT pg_reload_conf();)"
                                       : "# pg_hba.conf: use scram-sha-256 (or cert) instead of trust, then SELECT pg_reload_conf();";
      out->push_back(std::move(f));
      continue;
    }
    std::vector<std::string> weak;
    if (rule.auth_method == "password") weak.push_back("sends the password in cleartext");
    if (rule.auth_method == "md5") weak.push_back("accepts MD5 password challenges (weak, replayable hashes)");
    if (rule.type != "local" && AnyAddress(rule)) weak.push_back("accepts connections from any address");
    if (rule.type == "host" && rule.auth_method != "cert" && AnyAddress(rule)) weak.push_back("does not require TLS (hostssl)");
    if (weak.empty()) continue;
    Finding f = NewFinding("security/hba-weak-method", where, live.server);
    f.message = fmt::format("{}: {}", Describe(rule), fmt::join(weak, "; "));
    f.explanation = "Prefer hostssl with scram-sha-256 (or client certificates), limited to the application's "
                    "network ranges.";
    f.evidence.push_back(Describe(rule));
    f.fix_sql = "# pg_hba.conf: hostssl <db> <role> 10.0.0.0/8 scram-sha-256   (your ranges), then SELECT pg_reload_conf();";
    out->push_back(std::move(f));
  }
}

}  // namespace dbarch::analyzers::security
