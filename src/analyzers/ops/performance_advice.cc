// AdvisePerformance: the report's "Performance considerations" from the schema and the workload alone.
#include "analyzers/ops/ops_internal.h"
#include "analyzers/ops_advice.h"

namespace dbarch::analyzers {

std::vector<Advice> AdvisePerformance(const model::Catalog& catalog, const model::Workload& workload) {
  std::vector<Advice> out;
  ops::PressureMap pressure = ops::EstimatePressure(workload);
  ops::AdviseWriteHeavyTables(catalog, pressure, out);
  ops::AdviseAppendOnlyTables(catalog, workload, pressure, out);
  ops::AdviseKeyExhaustion(catalog, pressure, out);
  ops::AdviseQueryShapes(catalog, workload, out);
  ops::AdviseConnections(catalog, workload, out);
  ops::AdviseReadReplicas(workload, pressure, out);
  ops::AdviseDistribution(catalog, workload, out);
  return out;
}

}  // namespace dbarch::analyzers
