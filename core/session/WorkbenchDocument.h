#pragma once

#include "plugin/ModelPlugin.h"
#include "session/InputResult.h"
#include "session/ResultCache.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

namespace filterscope {

// The workbench's document (Qt Core only, no widgets): the loaded plugins (slot 0 the primary, A; slot 1
// the comparison, B), the inputs, the current input, every computed result by (plugin, input) in a
// memory-bounded cache, and why an input failed with a plugin. The single source of truth the views read;
// WorkbenchScheduler files what the background work computes into it.
class WorkbenchDocument : public QObject {
    Q_OBJECT
public:
    static constexpr int kSlots = 2;

    explicit WorkbenchDocument(QObject* parent = nullptr) : QObject(parent) {}

    std::shared_ptr<const ModelPlugin> plugin(int slot) const { return plugins_[slot]; }
    std::shared_ptr<const InputResult> result(int slot) const;  // for the current input, or null
    // Why `slot`'s plugin failed on the current input (decode, forward, captures), or empty. A failed input
    // becomes current, so every view says why instead of showing an earlier input's result.
    QString inputError(int slot) const { return inputError(slot, currentInput_); }
    QString inputError(int slot, const QString& input) const;
    bool inputFailed(const QString& input) const;  // with any loaded plugin
    QString currentInput() const { return currentInput_; }
    QStringList inputs() const { return inputs_; }
    void setInputs(const QStringList& paths);  // the Inputs list
    void addInput(const QString& path);        // appended unless it is there
    void closePlugin(int slot);

    size_t cachedBytes() const { return cache_.bytes(); }  // memory held by every cached result
    size_t cacheBudget() const { return cache_.budget(); }
    int cachedResultCount() const { return static_cast<int>(cache_.size()); }
    void setCacheBudget(size_t bytes);  // least recently used results go first when it is exceeded
    // Memory the running background work holds (a dataset probe's forward passes): counted against the
    // budget, so cached results make room for it.
    void setHeldBytes(size_t bytes);
    size_t heldBytes() const { return cache_.reserved(); }

    // Filing, for the scheduler. A plugin replaced meanwhile (`plugin` no longer in `slot`) files nothing.
    void setPlugin(int slot, std::shared_ptr<const ModelPlugin> plugin);
    bool hasResult(int slot, const QString& input) const;
    // Failed before, and the file has not changed since: shown again, not run again.
    bool knownFailure(int slot, const QString& input) const;
    void setCurrentInput(const QString& input);
    // `makeCurrent`: the input becomes current as it is filed (the views then find its result or error).
    void fileResult(int slot, const std::shared_ptr<const ModelPlugin>& plugin, const QString& input,
                    std::shared_ptr<const InputResult> result, bool makeCurrent);
    void fileError(int slot, const std::shared_ptr<const ModelPlugin>& plugin, const QString& input,
                   const QString& message, bool makeCurrent);

Q_SIGNALS:
    void pluginsChanged();
    void inputsChanged();
    void currentInputChanged();
    void resultsChanged();
    void errorOccurred(const QString& message);  // plugins that did not load; input failures stay per input

private:
    ResultCache::Key cacheKey(int slot, const QString& input) const;
    void pinShownResults();
    void dropResultsOf(const std::shared_ptr<const ModelPlugin>& closing);

    std::shared_ptr<const ModelPlugin> plugins_[kSlots];
    QStringList inputs_;
    QString currentInput_;
    mutable ResultCache cache_;  // lookups mark entries as recently used
    struct InputError {
        QString message;
        QDateTime fileModified;  // the file as it failed: a file changed since is run again
    };
    std::map<ResultCache::Key, InputError> inputErrors_;  // per (plugin, input), like the results
};

}  // namespace filterscope
