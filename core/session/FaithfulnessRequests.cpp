#include "session/FaithfulnessRequests.h"

#include "common/Error.h"
#include "input/InputPreparation.h"

namespace filterscope {

FaithfulnessRequests::FaithfulnessRequests(const WorkbenchDocument& document, const SelectionModel& selection,
                                           const ShownMaps& maps, BackgroundTasks& tasks, QObject* parent)
    : QObject(parent), document_(document), selection_(selection), maps_(maps), tasks_(tasks) {}

std::string FaithfulnessRequests::keyOf(int slot) const {
    const auto plugin = document_.plugin(slot);
    if (!plugin)
        return {};
    const ViewSelection& s = selection_.state();
    // Everything that decides the map shown: the curves belong to that map, not to the stage alone.
    return plugin->identity() + "\n" + document_.currentInput().toStdString() + "\n" + maps_.stageFor(slot) +
           "\n" + mapKindName(s.analysis) + "\n" + std::to_string(s.head) + "/" + std::to_string(s.token) +
           "/" + std::to_string(s.attendedBy) + "/" + std::to_string(s.query);
}

QString FaithfulnessRequests::unavailable(int slot) const {
    const auto plugin = document_.plugin(slot);
    const auto r = document_.result(slot);
    if (!plugin || !r)
        return tr("no result yet");
    if (plugin->manifest().modality != Modality::Image)
        return tr("insertion/deletion curves are for image plugins");
    if (predictedClass(r->captures) < 0)
        return tr("the plugin returns no [1,K] \"logits\" to score the class with");
    const auto map = maps_.currentMap(slot);
    if (!map || map->dim() != 2)
        return tr("no map for this stage");
    return {};
}

void FaithfulnessRequests::request(int slot) {
    if (!unavailable(slot).isEmpty())
        return;
    const std::string key = keyOf(slot);
    if (curves_.count(key) || running_.count(key))
        return;
    // Copies: the result may leave the cache while the task runs.
    const auto plugin = document_.plugin(slot);
    const auto map = maps_.currentMap(slot);
    const std::string path = document_.currentInput().toStdString(), stage = maps_.stageFor(slot),
                      mapName = mapKindName(selection_.state().analysis);
    const int cls = predictedClass(document_.result(slot)->captures);
    auto curves = std::make_shared<std::shared_ptr<FaithfulnessCurves>>();
    TaskSpec spec;
    spec.title = "insertion/deletion curves of " + mapName + " at " + stage;
    spec.priority = TaskPriority::Asked;
    spec.run = [plugin, map, path, stage, mapName, cls, curves](ProgressSink& sink) {
        sink.report(0, 1, "insertion/deletion curves of " + mapName + " at " + stage);
        const PreparedInput in = prepareInput(path, plugin->manifest());
        *curves =
            std::make_shared<FaithfulnessCurves>(computeFaithfulness(*plugin, in.tensor, *map, cls, path));
        (*curves)->stage = stage;
        (*curves)->map = mapName;
    };
    spec.finished = [this, key, path, curves](const TaskOutcome& out) {
        running_.erase(key);
        if (out.ok())
            curves_[key] = *curves;
        else if (!out.error.empty())
            errors_[key] = QString::fromStdString(namingInput(path, out.error));
        Q_EMIT changed();
    };
    running_.insert(key);
    errors_.erase(key);
    tasks_.submit(std::move(spec));
    Q_EMIT changed();
}

std::shared_ptr<const FaithfulnessCurves> FaithfulnessRequests::curves(int slot) const {
    auto it = curves_.find(keyOf(slot));
    return it == curves_.end() ? nullptr : it->second;
}

QString FaithfulnessRequests::error(int slot) const {
    auto it = errors_.find(keyOf(slot));
    return it == errors_.end() ? QString() : it->second;
}

bool FaithfulnessRequests::running(int slot) const {
    return running_.count(keyOf(slot)) > 0;
}

}  // namespace filterscope
