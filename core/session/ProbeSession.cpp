#include "session/ProbeSession.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "common/Error.h"
#include "input/InputPreparation.h"

#include <QFileInfo>

#include <algorithm>

namespace filterscope {

ProbeSession::ProbeSession(QObject* parent) : QObject(parent), jobs_(new SessionJobQueue(this)) {
    connect(jobs_, &SessionJobQueue::finished, this, &ProbeSession::onJobFinished);
    connect(jobs_, &SessionJobQueue::busyChanged, this, &ProbeSession::busyChanged);
    connect(jobs_, &SessionJobQueue::progressChanged, this, &ProbeSession::progressChanged);
}

ProbeSession::~ProbeSession() {
    delete jobs_;  // cancels and waits for the worker before the document goes
}

void ProbeSession::loadPlugin(const QString& directory, int slot, const QString& variant) {
    jobs_->enqueue({Job::Kind::LoadPlugin, slot, directory, nullptr, variant});
}

void ProbeSession::closePlugin(int slot) {
    if (!plugins_[slot])
        return;
    const auto closing = plugins_[slot];
    plugins_[slot].reset();
    dropResultsOf(closing);
    Q_EMIT pluginsChanged();
    Q_EMIT resultsChanged();
}

void ProbeSession::setInputs(const QStringList& paths) {
    inputs_ = paths;
    Q_EMIT inputsChanged();
}

void ProbeSession::openInput(const QString& path) {
    if (!inputs_.contains(path)) {
        inputs_.append(path);
        Q_EMIT inputsChanged();
    }
    requestedInput_ = path;
    if (!plugins_[0]) {
        currentInput_ = path;
        Q_EMIT currentInputChanged();
        return;
    }
    scheduleRuns(path);
}

void ProbeSession::cancel() {
    const bool busy = jobs_->isBusy();
    jobs_->cancel();
    if (busy)
        Q_EMIT cancelRequested();
}

QString ProbeSession::inputError(int slot, const QString& input) const {
    if (!plugins_[slot] || input.isEmpty())
        return {};
    const auto it = inputErrors_.find(cacheKey(slot, input));
    return it == inputErrors_.end() ? QString() : it->second.message;
}

bool ProbeSession::inputFailed(const QString& input) const {
    for (int slot = 0; slot < kSlots; ++slot)
        if (!inputError(slot, input).isEmpty())
            return true;
    return false;
}

std::shared_ptr<const ProbeResult> ProbeSession::result(int slot) const {
    if (!plugins_[slot] || currentInput_.isEmpty())
        return nullptr;
    return cache_.find(cacheKey(slot, currentInput_));
}

ResultCache::Key ProbeSession::cacheKey(int slot, const QString& input) const {
    return {plugins_[slot] ? plugins_[slot]->identity() : std::string(), input.toStdString()};
}

void ProbeSession::setCacheBudget(size_t bytes) {
    cache_.setBudget(bytes);
    Q_EMIT resultsChanged();
}

// What the views show now must survive eviction, whatever its age.
void ProbeSession::pinShownResults() {
    std::vector<ResultCache::Key> shown;
    for (int slot = 0; slot < kSlots; ++slot)
        if (plugins_[slot] && !currentInput_.isEmpty())
            shown.push_back(cacheKey(slot, currentInput_));
    cache_.pin(std::move(shown));
}

// A closed (or replaced) plugin's results go, unless the other slot holds the same plugin.
void ProbeSession::dropResultsOf(const std::shared_ptr<const ModelPlugin>& closing) {
    if (!closing)
        return;
    for (const auto& p : plugins_)
        if (p && p->identity() == closing->identity())
            return;
    cache_.dropPlugin(closing->identity());
}

void ProbeSession::scheduleRuns(const QString& input) {
    bool allCached = true;
    for (int slot = 0; slot < kSlots; ++slot) {
        if (!plugins_[slot])
            continue;
        if (cache_.contains(cacheKey(slot, input)))
            continue;
        const auto failed = inputErrors_.find(cacheKey(slot, input));
        if (failed != inputErrors_.end() && failed->second.fileModified == QFileInfo(input).lastModified())
            continue;  // a known failure is shown again, not run again, until the file changes
        allCached = false;
        jobs_->enqueue({Job::Kind::Run, slot, input, plugins_[slot], QString()});
    }
    if (allCached && input != currentInput_) {  // cached: switch at once, no model run
        currentInput_ = input;
        pinShownResults();
        Q_EMIT currentInputChanged();
        Q_EMIT resultsChanged();
    }
}

void ProbeSession::onJobFinished(const Job& job, const Outcome& out) {
    if (job.kind == Job::Kind::Faithfulness) {
        onFaithfulnessFinished(job, out);
        return;
    }
    if (out.cancelled)
        return;
    if (!out.error.isEmpty() && job.kind == Job::Kind::Run) {
        // Kept with the input and shown in place; the failed input becomes current when it is the one asked
        // for, so no view goes on showing the previous input's result under its name.
        if (job.plugin != plugins_[job.slot])
            return;
        inputErrors_[{job.plugin->identity(), job.path.toStdString()}] = {out.error,
                                                                          QFileInfo(job.path).lastModified()};
        if (job.slot == 0 && job.path == requestedInput_ && job.path != currentInput_) {
            currentInput_ = job.path;
            pinShownResults();
            Q_EMIT currentInputChanged();
        }
        Q_EMIT resultsChanged();
    } else if (!out.error.isEmpty()) {
        Q_EMIT errorOccurred(out.error);  // a plugin that did not load: what was loaded before stays
    } else if (job.kind == Job::Kind::LoadPlugin) {
        const auto replaced = plugins_[job.slot];
        plugins_[job.slot] = out.plugin;
        dropResultsOf(replaced);
        if (job.slot == 0)
            adoptStageFor(*out.plugin);
        Q_EMIT pluginsChanged();
        const QString input = requestedInput_.isEmpty() ? currentInput_ : requestedInput_;
        if (!input.isEmpty())
            scheduleRuns(input);
        Q_EMIT resultsChanged();
    } else {
        if (job.plugin == plugins_[job.slot]) {  // a plugin replaced meanwhile gets no results cached
            if (job.slot == 0 && job.path != currentInput_) {
                currentInput_ = job.path;
                Q_EMIT currentInputChanged();
            }
            pinShownResults();
            cache_.insert({job.plugin->identity(), job.path.toStdString()}, out.result);
            inputErrors_.erase({job.plugin->identity(), job.path.toStdString()});
        }
        Q_EMIT resultsChanged();
    }
}

void ProbeSession::adoptStageFor(const ModelPlugin& plugin) {
    const auto& stages = plugin.gridStages();
    if (std::find(stages.begin(), stages.end(), selection_.stage) != stages.end())
        return;
    // Open on the frozen LLM block when there is one: that is the stage the hypothesis is about.
    auto llm = std::find(stages.begin(), stages.end(), std::string("llm.block"));
    selection_.stage = llm != stages.end() ? *llm : (stages.empty() ? std::string() : stages.back());
    selection_.token = -1;
    Q_EMIT selectionChanged();
}

void ProbeSession::restoreSelection(const ProbeSelection& selection) {
    selection_ = selection;
    Q_EMIT selectionChanged();
}

void ProbeSession::setComparisonStage(const std::string& stage) {
    if (stage == selection_.comparisonStage)
        return;
    selection_.comparisonStage = stage;
    Q_EMIT selectionChanged();
}

void ProbeSession::setStage(const std::string& stage) {
    if (stage == selection_.stage)
        return;
    selection_.stage = stage;
    Q_EMIT selectionChanged();
}

void ProbeSession::stepStage(int delta) {
    if (!plugins_[0])
        return;
    const auto& stages = plugins_[0]->gridStages();
    auto it = std::find(stages.begin(), stages.end(), selection_.stage);
    const int i = it == stages.end() ? 0 : static_cast<int>(it - stages.begin());
    const int next = std::clamp(i + delta, 0, static_cast<int>(stages.size()) - 1);
    setStage(stages[next]);
}

void ProbeSession::setAnalysis(MapKind kind) {
    if (kind == selection_.analysis)
        return;
    selection_.analysis = kind;
    // Rollout and relevance live at one stage each: go there.
    if (const auto r = result(0)) {
        const std::string home = homeStageOf(*r, kind);
        if (!home.empty())
            selection_.stage = home;
    }
    Q_EMIT selectionChanged();
}

void ProbeSession::setHead(int head) {
    if (head == selection_.head)
        return;
    selection_.head = head;
    Q_EMIT selectionChanged();
}

void ProbeSession::setAttendedBy(bool attendedBy) {
    if (attendedBy == selection_.attendedBy)
        return;
    selection_.attendedBy = attendedBy;
    Q_EMIT selectionChanged();
}

void ProbeSession::setFrame(int frame) {
    if (frame == selection_.frame)
        return;
    selection_.frame = frame;
    Q_EMIT selectionChanged();
}

int ProbeSession::frameCount(int slot) const {
    const auto r = result(slot);
    return r ? static_cast<int>(r->frames.size()) : 0;
}

const RgbImage* ProbeSession::frameImage(int slot) const {
    const auto r = result(slot);
    if (!r)
        return nullptr;
    if (r->frames.size() > 1)
        return &r->frames[std::clamp<size_t>(selection_.frame, 0, r->frames.size() - 1)];
    return &r->modelInput;
}

void ProbeSession::setQuery(int query) {
    if (query == selection_.query)
        return;
    selection_.query = query;
    Q_EMIT selectionChanged();
}

bool ProbeSession::hasCrossAttention(int slot) const {
    return plugins_[slot] && !plugins_[slot]->crossAttentionStages().empty();
}

void ProbeSession::setToken(int token, const std::vector<int64_t>& pickedOn) {
    std::vector<int64_t> grid = pickedOn;
    if (grid.empty() && plugins_[0])
        grid = plugins_[0]->manifest().layoutOf(stageFor(0)).grid;  // the grid the token was picked on
    if (token == selection_.token && grid == selection_.tokenGrid)
        return;
    selection_.token = token;
    selection_.tokenGrid = grid;
    Q_EMIT selectionChanged();
}

void ProbeSession::setColormap(const std::string& name) {
    if (name == selection_.colormap)
        return;
    selection_.colormap = name;
    Q_EMIT selectionChanged();
}

void ProbeSession::setSharedScale(bool shared) {
    if (shared == selection_.sharedScale)
        return;
    selection_.sharedScale = shared;
    Q_EMIT selectionChanged();
}

void ProbeSession::setOpacity(double opacity) {
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == selection_.opacity)
        return;
    selection_.opacity = opacity;
    Q_EMIT selectionChanged();
}

void ProbeSession::setHoveredToken(int token) {
    if (token == hoveredToken_)
        return;
    hoveredToken_ = token;
    Q_EMIT hoverChanged(token);
}

std::string ProbeSession::stageFor(int slot) const {
    if (!plugins_[slot])
        return {};
    if (const auto r = result(slot)) {  // B's rollout or relevance is at its own home stage
        const std::string home = homeStageOf(*r, selection_.analysis);
        if (!home.empty())
            return home;
    }
    const auto& cross = plugins_[slot]->crossAttentionStages();
    if (std::find(cross.begin(), cross.end(), selection_.stage) != cross.end())
        return selection_.stage;
    const auto& stages = plugins_[slot]->gridStages();
    if (slot == 1 && std::find(stages.begin(), stages.end(), selection_.comparisonStage) != stages.end())
        return selection_.comparisonStage;  // chosen for B on its own
    if (std::find(stages.begin(), stages.end(), selection_.stage) != stages.end() || stages.empty())
        return selection_.stage;
    return stages.back();
}

int ProbeSession::selectedTokenOn(int slot, const std::string& stage) const {
    if (!plugins_[slot] || selection_.token < 0)
        return -1;
    return static_cast<int>(carryGridToken(selection_.token, selection_.tokenGrid,
                                           plugins_[slot]->manifest().layoutOf(stage).grid));
}

int ProbeSession::attentionQuery(int slot, const std::string& stage) const {
    if (!plugins_[slot])
        return 0;
    const TokenLayout layout = plugins_[slot]->manifest().layoutOf(stage);
    const int token = selectedTokenOn(slot, stage);
    return token < 0 ? defaultAttentionQuery(layout) : layout.prefix + token;
}

bool ProbeSession::hasAttention(int slot) const {
    if (!plugins_[slot])
        return false;
    for (const std::string& k : plugins_[slot]->captureKeys())
        if (k.rfind("attn.", 0) == 0 || k.rfind("wattn.", 0) == 0)
            return true;
    return false;
}

MapRequest ProbeSession::mapRequest(int slot, const std::string& stage) const {
    MapRequest q;
    q.stage = stage;
    q.analysis = selection_.analysis;
    q.head = selection_.head;
    q.attentionToken = attentionQuery(slot, stage);
    q.attendedBy = selection_.attendedBy;
    q.query = selection_.query;
    q.frame = selection_.frame;
    return q;
}

std::shared_ptr<const FloatArray> ProbeSession::mapFor(int slot, const std::string& stage) const {
    return plugins_[slot] ? resolveMap(result(slot), plugins_[slot]->manifest(), mapRequest(slot, stage))
                          : nullptr;
}

std::shared_ptr<const FloatArray> ProbeSession::clipMapFor(int slot, const std::string& stage) const {
    return plugins_[slot] ? resolveClipMap(result(slot), plugins_[slot]->manifest(), mapRequest(slot, stage))
                          : nullptr;
}

std::pair<double, double> ProbeSession::colourRange(int slot, const std::string& stage) const {
    if (!plugins_[slot])
        return {0.0, 1.0};
    return resolveColourRange(result(slot), plugins_[slot]->manifest(), mapRequest(slot, stage),
                              selection_.sharedScale);
}

}  // namespace filterscope
