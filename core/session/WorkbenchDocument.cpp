#include "session/WorkbenchDocument.h"

#include <QFileInfo>

namespace filterscope {

std::shared_ptr<const InputResult> WorkbenchDocument::result(int slot) const {
    if (!plugins_[slot] || currentInput_.isEmpty())
        return nullptr;
    return cache_.find(cacheKey(slot, currentInput_));
}

QString WorkbenchDocument::inputError(int slot, const QString& input) const {
    if (!plugins_[slot] || input.isEmpty())
        return {};
    const auto it = inputErrors_.find(cacheKey(slot, input));
    return it == inputErrors_.end() ? QString() : it->second.message;
}

bool WorkbenchDocument::inputFailed(const QString& input) const {
    for (int slot = 0; slot < kSlots; ++slot)
        if (!inputError(slot, input).isEmpty())
            return true;
    return false;
}

void WorkbenchDocument::setInputs(const QStringList& paths) {
    inputs_ = paths;
    Q_EMIT inputsChanged();
}

void WorkbenchDocument::addInput(const QString& path) {
    if (inputs_.contains(path))
        return;
    inputs_.append(path);
    Q_EMIT inputsChanged();
}

void WorkbenchDocument::closePlugin(int slot) {
    if (!plugins_[slot])
        return;
    const auto closing = plugins_[slot];
    plugins_[slot].reset();
    dropResultsOf(closing);
    Q_EMIT pluginsChanged();
    Q_EMIT resultsChanged();
}

void WorkbenchDocument::setCacheBudget(size_t bytes) {
    cache_.setBudget(bytes);
    Q_EMIT resultsChanged();
}

void WorkbenchDocument::setHeldBytes(size_t bytes) {
    if (bytes == cache_.reserved())
        return;
    const size_t before = cache_.size();
    cache_.setReserved(bytes);
    if (cache_.size() != before)  // results made room
        Q_EMIT resultsChanged();
}

void WorkbenchDocument::setPlugin(int slot, std::shared_ptr<const ModelPlugin> plugin) {
    const auto replaced = plugins_[slot];
    plugins_[slot] = std::move(plugin);
    dropResultsOf(replaced);
    Q_EMIT pluginsChanged();
}

bool WorkbenchDocument::hasResult(int slot, const QString& input) const {
    return plugins_[slot] && cache_.contains(cacheKey(slot, input));
}

bool WorkbenchDocument::knownFailure(int slot, const QString& input) const {
    const auto failed = inputErrors_.find(cacheKey(slot, input));
    return failed != inputErrors_.end() && failed->second.fileModified == QFileInfo(input).lastModified();
}

void WorkbenchDocument::setCurrentInput(const QString& input) {
    if (input == currentInput_)
        return;
    currentInput_ = input;
    pinShownResults();
    Q_EMIT currentInputChanged();
}

void WorkbenchDocument::fileResult(int slot, const std::shared_ptr<const ModelPlugin>& plugin,
                                   const QString& input, std::shared_ptr<const InputResult> result,
                                   bool makeCurrent) {
    if (plugin == plugins_[slot]) {  // a plugin replaced meanwhile gets no results cached
        if (makeCurrent)
            setCurrentInput(input);
        pinShownResults();
        cache_.insert({plugin->identity(), input.toStdString()}, std::move(result));
        inputErrors_.erase({plugin->identity(), input.toStdString()});
    }
    Q_EMIT resultsChanged();
}

void WorkbenchDocument::fileError(int slot, const std::shared_ptr<const ModelPlugin>& plugin,
                                  const QString& input, const QString& message, bool makeCurrent) {
    if (plugin != plugins_[slot])
        return;
    inputErrors_[{plugin->identity(), input.toStdString()}] = {message, QFileInfo(input).lastModified()};
    if (makeCurrent)
        setCurrentInput(input);
    Q_EMIT resultsChanged();
}

ResultCache::Key WorkbenchDocument::cacheKey(int slot, const QString& input) const {
    return {plugins_[slot] ? plugins_[slot]->identity() : std::string(), input.toStdString()};
}

// What the views show now must survive eviction, whatever its age.
void WorkbenchDocument::pinShownResults() {
    std::vector<ResultCache::Key> shown;
    for (int slot = 0; slot < kSlots; ++slot)
        if (plugins_[slot] && !currentInput_.isEmpty())
            shown.push_back(cacheKey(slot, currentInput_));
    cache_.pin(std::move(shown));
}

// A closed (or replaced) plugin's results go, unless the other slot holds the same plugin.
void WorkbenchDocument::dropResultsOf(const std::shared_ptr<const ModelPlugin>& closing) {
    if (!closing)
        return;
    for (const auto& p : plugins_)
        if (p && p->identity() == closing->identity())
            return;
    cache_.dropPlugin(closing->identity());
}

}  // namespace filterscope
