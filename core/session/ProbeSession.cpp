#include "session/ProbeSession.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "common/Error.h"
#include "input/InputPreparation.h"
#include "session/ProbeRunner.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

namespace filterscope {

namespace {
constexpr size_t kMaxCachedResults = 48;
}

// Bridges the worker's progress to the session's thread; cancellation is a flag the worker polls.
class SessionJobSink final : public ProgressSink {
public:
    explicit SessionJobSink(ProbeSession* session) : session_(session) {}
    void report(int done, int total, const std::string& message) override {
        const QString text = QString::fromStdString(message);
        QPointer<ProbeSession> s = session_;
        QMetaObject::invokeMethod(
            session_,
            [s, done, total, text] {
                if (s)
                    Q_EMIT s->progressChanged(done, total, text);
            },
            Qt::QueuedConnection);
    }
    bool isCancelRequested() const override { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }

private:
    ProbeSession* session_;
    std::atomic<bool> cancelled_{false};
};

ProbeSession::ProbeSession(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);  // one job at a time: runs are queued, results arrive in order
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ProbeSession::onJobFinished);
}

ProbeSession::~ProbeSession() {
    queue_.clear();
    if (sink_)
        sink_->cancel();
    watcher_.disconnect(this);
    pool_.waitForDone();
}

void ProbeSession::loadPlugin(const QString& directory, int slot, const QString& variant) {
    enqueue({Job::Kind::LoadPlugin, slot, directory, nullptr, variant});
}

void ProbeSession::closePlugin(int slot) {
    if (!plugins_[slot])
        return;
    plugins_[slot].reset();
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
    queue_.clear();
    if (sink_)
        sink_->cancel();
}

std::shared_ptr<const ProbeResult> ProbeSession::result(int slot) const {
    if (!plugins_[slot] || currentInput_.isEmpty())
        return nullptr;
    auto it = cache_.find({plugins_[slot].get(), currentInput_.toStdString()});
    return it == cache_.end() ? nullptr : it->second;
}

void ProbeSession::scheduleRuns(const QString& input) {
    bool allCached = true;
    for (int slot = 0; slot < kSlots; ++slot) {
        if (!plugins_[slot])
            continue;
        if (cache_.count({plugins_[slot].get(), input.toStdString()}))
            continue;
        allCached = false;
        enqueue({Job::Kind::Run, slot, input, plugins_[slot], QString()});
    }
    if (allCached && input != currentInput_) {  // cached: switch at once, no model run
        currentInput_ = input;
        Q_EMIT currentInputChanged();
        Q_EMIT resultsChanged();
    }
}

void ProbeSession::enqueue(Job job) {
    queue_.push_back(std::move(job));
    if (!running_)
        startNext();
}

void ProbeSession::startNext() {
    if (queue_.empty()) {
        if (running_) {
            running_ = false;
            Q_EMIT busyChanged(false);
        }
        return;
    }
    currentJob_ = queue_.front();
    queue_.pop_front();
    if (!running_) {
        running_ = true;
        Q_EMIT busyChanged(true);
    }
    sink_ = std::make_shared<SessionJobSink>(this);
    const Job job = currentJob_;
    const DevicePreference device = device_;
    const bool half = halfAttention_;
    std::shared_ptr<SessionJobSink> sink = sink_;
    watcher_.setFuture(QtConcurrent::run(&pool_, [job, device, half, sink]() -> Outcome {
        Outcome out;
        try {
            if (job.kind == Job::Kind::LoadPlugin) {
                sink->report(0, 1, "loading plugin " + job.path.toStdString());
                out.plugin = ModelPlugin::load(job.path.toStdString(), device, job.variant.toStdString());
            } else {
                out.result =
                    std::make_shared<ProbeResult>(runProbe(*job.plugin, job.path.toStdString(), *sink, half));
            }
        } catch (const CancelledError&) {
            out.cancelled = true;
        } catch (const std::exception& e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }));
}

void ProbeSession::onJobFinished() {
    const Outcome out = watcher_.result();
    const Job job = currentJob_;
    sink_.reset();
    if (out.cancelled) {
        Q_EMIT progressChanged(0, 0, QStringLiteral("cancelled"));
    } else if (!out.error.isEmpty()) {
        // What was loaded before stays: the failed plugin or input is simply not adopted.
        if (job.kind == Job::Kind::Run)
            requestedInput_ = currentInput_;
        Q_EMIT errorOccurred(out.error);
    } else if (job.kind == Job::Kind::LoadPlugin) {
        plugins_[job.slot] = out.plugin;
        if (job.slot == 0)
            adoptStageFor(*out.plugin);
        Q_EMIT pluginsChanged();
        const QString input = requestedInput_.isEmpty() ? currentInput_ : requestedInput_;
        if (!input.isEmpty())
            scheduleRuns(input);
        Q_EMIT resultsChanged();
    } else {
        const CacheKey key{job.plugin.get(), job.path.toStdString()};
        cache_[key] = out.result;
        cacheOrder_.push_back(key);
        while (cacheOrder_.size() > kMaxCachedResults) {
            cache_.erase(cacheOrder_.front());
            cacheOrder_.pop_front();
        }
        if (job.slot == 0 && job.plugin == plugins_[0] && job.path != currentInput_) {
            currentInput_ = job.path;
            Q_EMIT currentInputChanged();
        }
        Q_EMIT resultsChanged();
    }
    startNext();
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

void ProbeSession::setToken(int token) {
    if (token == selection_.token)
        return;
    selection_.token = token;
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
    const auto& cross = plugins_[slot]->crossAttentionStages();
    if (std::find(cross.begin(), cross.end(), selection_.stage) != cross.end())
        return selection_.stage;
    const auto& stages = plugins_[slot]->gridStages();
    if (std::find(stages.begin(), stages.end(), selection_.stage) != stages.end() || stages.empty())
        return selection_.stage;
    return stages.back();
}

int ProbeSession::attentionQuery(int slot) const {
    if (!plugins_[slot] || selection_.token < 0)
        return 0;
    return plugins_[slot]->manifest().tokens.prefix + selection_.token;
}

bool ProbeSession::hasAttention(int slot) const {
    if (!plugins_[slot])
        return false;
    for (const std::string& k : plugins_[slot]->captureKeys())
        if (k.rfind("attn.", 0) == 0)
            return true;
    return false;
}

std::shared_ptr<const FloatArray> ProbeSession::mapFor(int slot, const std::string& stage) const {
    std::shared_ptr<const FloatArray> map = clipMapFor(slot, stage);
    if (!map || map->dim() != 3)
        return map;
    // Video: the token-time slice of the selected frame.
    const auto plugin = plugins_[slot];
    const int64_t t = std::clamp<int64_t>(tokenTimeOfFrame(selection_.frame, plugin->manifest().video), 0,
                                          map->shape[0] - 1);
    const int64_t cells = map->shape[1] * map->shape[2];
    return std::make_shared<const FloatArray>(
        std::vector<int64_t>{map->shape[1], map->shape[2]},
        std::vector<float>(map->data.begin() + t * cells, map->data.begin() + (t + 1) * cells));
}

std::shared_ptr<const FloatArray> ProbeSession::clipMapFor(int slot, const std::string& stage) const {
    const auto r = result(slot);
    if (!r)
        return nullptr;
    if (selection_.analysis == MapKind::Query) {
        const QueryStageMaps* q = r->queryStage(stage);
        if (!q || selection_.query < 0 || selection_.query >= q->maps.shape[0])
            return nullptr;
        const std::vector<int64_t> shape(q->maps.shape.begin() + 1, q->maps.shape.end());
        const size_t cells = static_cast<size_t>(elementCountOf(shape));
        const auto first = q->maps.data.begin() + static_cast<std::ptrdiff_t>(selection_.query * cells);
        return std::make_shared<const FloatArray>(
            shape, std::vector<float>(first, first + static_cast<std::ptrdiff_t>(cells)));
    }
    const StageMaps* m = r->stage(stage);
    if (selection_.analysis != MapKind::Attention) {
        const FloatArray* map = m ? mapOf(*m, selection_.analysis) : nullptr;
        return map ? std::shared_ptr<const FloatArray>(r, map) : nullptr;  // shares the result's lifetime
    }
    const int heads = r->attentionHeads(stage);
    if (heads == 0)
        return nullptr;
    const int head = selection_.head < heads ? selection_.head : -1;
    return std::make_shared<const FloatArray>(r->attentionMap(stage, plugins_[slot]->manifest().tokens, head,
                                                              attentionQuery(slot), selection_.attendedBy));
}

size_t ProbeSession::cachedBytes() const {
    size_t n = 0;
    for (const auto& [key, result] : cache_)
        n += result->bytes();
    return n;
}

std::pair<double, double> ProbeSession::colourRange(int slot, const std::string& stage) const {
    const auto r = result(slot);
    if (!r)
        return {0.0, 1.0};
    // Over the whole clip for video, so colours keep their meaning while scrubbing through frames.
    if (!selection_.sharedScale) {
        const auto map = clipMapFor(slot, stage);
        return map ? finiteRange(*map) : std::pair<double, double>{0.0, 1.0};
    }
    // Every stage that has the selected map: grid stages, and cross-attention stages for query maps.
    std::vector<std::string> stages;
    for (const StageMaps& m : r->maps)
        stages.push_back(m.stage);
    for (const QueryStageMaps& q : r->queries)
        stages.push_back(q.stage);
    double lo = INFINITY, hi = -INFINITY;
    for (const std::string& s : stages)
        if (const auto map = clipMapFor(slot, s)) {
            const auto [a, b] = finiteRange(*map);
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
    return lo <= hi ? std::pair<double, double>{lo, hi} : std::pair<double, double>{0.0, 1.0};
}

}  // namespace filterscope
