// ProbeSession: insertion/deletion curves on request, for the map a slot shows.
#include "pipeline/LayerAnalyses.h"
#include "session/ProbeSession.h"

namespace filterscope {

using Job = SessionJobQueue::Job;
using Outcome = SessionJobQueue::Outcome;

std::string ProbeSession::faithfulnessKey(int slot) const {
    const auto plugin = plugins_[slot];
    if (!plugin)
        return {};
    const ProbeSelection& s = selection_;
    // Everything that decides the map shown: the curves belong to that map, not to the stage alone.
    return plugin->identity() + "\n" + currentInput_.toStdString() + "\n" + stageFor(slot) + "\n" +
           mapKindName(s.analysis) + "\n" + std::to_string(s.head) + "/" + std::to_string(s.token) + "/" +
           std::to_string(s.attendedBy) + "/" + std::to_string(s.query);
}

QString ProbeSession::faithfulnessUnavailable(int slot) const {
    const auto plugin = plugins_[slot];
    const auto r = result(slot);
    if (!plugin || !r)
        return tr("no result yet");
    if (plugin->manifest().modality != Modality::Image)
        return tr("insertion/deletion curves are for image plugins");
    if (predictedClass(r->captures) < 0)
        return tr("the plugin returns no [1,K] \"logits\" to score the class with");
    const auto map = currentMap(slot);
    if (!map || map->dim() != 2)
        return tr("no map for this stage");
    return {};
}

void ProbeSession::requestFaithfulness(int slot) {
    if (!faithfulnessUnavailable(slot).isEmpty())
        return;
    const std::string key = faithfulnessKey(slot);
    if (faithfulness_.count(key) || faithfulnessRunning_.count(key))
        return;
    Job job{Job::Kind::Faithfulness, slot, currentInput_, plugins_[slot], QString()};
    job.map = currentMap(slot);
    job.stage = stageFor(slot);
    job.mapName = mapKindName(selection_.analysis);
    job.cls = predictedClass(result(slot)->captures);
    job.resultKey = key;
    faithfulnessRunning_.insert(key);
    faithfulnessErrors_.erase(key);
    jobs_->enqueue(job);
    Q_EMIT resultsChanged();
}

void ProbeSession::onFaithfulnessFinished(const Job& job, const Outcome& out) {
    const std::string& key = job.resultKey;
    faithfulnessRunning_.erase(key);
    if (out.curves)
        faithfulness_[key] = out.curves;
    else if (!out.error.isEmpty())
        faithfulnessErrors_[key] = out.error;
    Q_EMIT resultsChanged();
}

std::shared_ptr<const FaithfulnessCurves> ProbeSession::faithfulness(int slot) const {
    auto it = faithfulness_.find(faithfulnessKey(slot));
    return it == faithfulness_.end() ? nullptr : it->second;
}

QString ProbeSession::faithfulnessError(int slot) const {
    auto it = faithfulnessErrors_.find(faithfulnessKey(slot));
    return it == faithfulnessErrors_.end() ? QString() : it->second;
}

bool ProbeSession::faithfulnessRunning(int slot) const {
    return faithfulnessRunning_.count(faithfulnessKey(slot)) > 0;
}

}  // namespace filterscope
