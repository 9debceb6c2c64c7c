#include "common/AtomicFile.h"

#include "common/Error.h"

#include <QSaveFile>

namespace filterscope {

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw Error(path + ": cannot write: " + file.errorString().toStdString());
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        throw Error(path + ": write failed: " + file.errorString().toStdString());
}

}  // namespace filterscope
