#include "ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

namespace filterscope {
namespace {

double pointsPerUnit(int unit) {  // the unit combo's order: in, cm, pt
    return unit == 0 ? 72.0 : unit == 1 ? 72.0 / 2.54 : 1.0;
}

}  // namespace

ExportDialog::ExportDialog(const QString& path, bool sized, QWidget* parent)
    : QDialog(parent),
      natural_(new QCheckBox(tr("Natural size"), this)),
      width_(new QDoubleSpinBox(this)),
      height_(new QDoubleSpinBox(this)),
      unit_(new QComboBox(this)),
      dpi_(new QSpinBox(this)),
      caption_(new QLineEdit(this)) {
    setWindowTitle(tr("Export %1").arg(QFileInfo(path).fileName()));
    const QSettings s;
    unit_->addItems({tr("in"), tr("cm"), tr("pt")});
    unit_->setCurrentIndex(s.value(QStringLiteral("export/unit"), 0).toInt());
    for (QDoubleSpinBox* box : {width_, height_}) {
        box->setDecimals(2);
        box->setRange(0, 2000);
        box->setSingleStep(0.25);
    }
    width_->setValue(s.value(QStringLiteral("export/width"), 3.5).toDouble());
    height_->setValue(s.value(QStringLiteral("export/height"), 0.0).toDouble());
    height_->setSpecialValueText(tr("from the width"));
    natural_->setChecked(s.value(QStringLiteral("export/natural"), true).toBool());
    natural_->setToolTip(tr("The map 448 pt on its longer side (the size the batch writes)"));
    width_->setToolTip(tr("The figure's width; text keeps its size, the map takes the rest"));
    height_->setToolTip(tr("A height the figure must fit into (0: what the width gives)"));
    dpi_->setRange(72, 1200);
    dpi_->setValue(s.value(QStringLiteral("export/dpi"), 300).toInt());
    dpi_->setSuffix(tr(" DPI"));
    dpi_->setToolTip(tr("PNG resolution; PDF and SVG are vectors at any zoom"));
    dpi_->setEnabled(QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0);
    caption_->setPlaceholderText(tr("optional, printed under the figure"));
    caption_->setToolTip(tr("A caption printed under the figure, wrapped to its width"));
    auto* size = new QHBoxLayout;
    size->addWidget(width_);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(height_);
    size->addWidget(unit_);
    auto* form = new QFormLayout(this);
    form->addRow(natural_);
    form->addRow(tr("Size"), size);
    form->addRow(tr("Resolution"), dpi_);
    form->addRow(tr("Caption"), caption_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        remember();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    const auto enableSize = [this, sized] {
        natural_->setEnabled(sized);
        for (QWidget* w :
             {static_cast<QWidget*>(width_), static_cast<QWidget*>(height_), static_cast<QWidget*>(unit_)})
            w->setEnabled(sized && !natural_->isChecked());
        caption_->setEnabled(sized);
    };
    connect(natural_, &QCheckBox::toggled, this, enableSize);
    enableSize();
}

int ExportDialog::dpi() const {
    return dpi_->value();
}

ViewFigureOptions ExportDialog::options() const {
    ViewFigureOptions o;
    if (!natural_->isChecked()) {
        o.size.width = width_->value() * pointsPerUnit(unit_->currentIndex());
        o.size.height = height_->value() * pointsPerUnit(unit_->currentIndex());
    }
    o.caption = caption_->text().toStdString();
    return o;
}

void ExportDialog::remember() const {
    QSettings s;
    s.setValue(QStringLiteral("export/unit"), unit_->currentIndex());
    s.setValue(QStringLiteral("export/width"), width_->value());
    s.setValue(QStringLiteral("export/height"), height_->value());
    s.setValue(QStringLiteral("export/natural"), natural_->isChecked());
    s.setValue(QStringLiteral("export/dpi"), dpi_->value());
}

}  // namespace filterscope
