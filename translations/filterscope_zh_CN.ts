<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FolderNotice</name>
    <message>
        <source>a video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>a point cloud</source>
        <translation>点云</translation>
    </message>
    <message>
        <source>an image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>point clouds</source>
        <translation>点云</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>a folder: sub-folders are not opened</source>
        <translation>文件夹：不打开子文件夹</translation>
    </message>
    <message>
        <source>not an input file</source>
        <translation>不是输入文件</translation>
    </message>
    <message>
        <source>%1; the plugin takes %2</source>
        <translation>是%1；此插件读取%2</translation>
    </message>
    <message>
        <source>cannot be opened</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <source>not a %1 file</source>
        <translation>不是 %1 文件</translation>
    </message>
    <message>
        <source>%1: %2 opened</source>
        <translation>%1：已打开 %2 个</translation>
    </message>
    <message>
        <source>, %1 unreadable</source>
        <translation>，%1 个无法读取</translation>
    </message>
    <message>
        <source>, %1 skipped</source>
        <translation>，跳过 %1 个</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>MapKind</name>
    <message>
        <source>Token norm</source>
        <translation>词元范数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>Spatial spectrum</source>
        <translation>空间频谱</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Q-Former query</source>
        <translation>Q-Former 查询</translation>
    </message>
    <message>
        <source>Attention rollout</source>
        <translation>注意力展开</translation>
    </message>
    <message>
        <source>Query relevance</source>
        <translation>查询相关性</translation>
    </message>
    <message>
        <source>‖xᵢ‖₂</source>
        <translation>‖xᵢ‖₂</translation>
    </message>
    <message>
        <source>‖xᵢ − x̄‖₂</source>
        <translation>‖xᵢ − x̄‖₂</translation>
    </message>
    <message>
        <source>‖pᵢ − p̄‖₂ (rad)</source>
        <translation>‖pᵢ − p̄‖₂（弧度）</translation>
    </message>
    <message>
        <source>log₁₀ channel-mean power (DC at the floor)</source>
        <translation>log₁₀ 通道平均功率（直流分量置于底值）</translation>
    </message>
    <message>
        <source>attention probability</source>
        <translation>注意力概率</translation>
    </message>
    <message>
        <source>cross-attention of the query</source>
        <translation>该查询的交叉注意力</translation>
    </message>
    <message>
        <source>rollout attribution of CLS</source>
        <translation>CLS 的展开归因</translation>
    </message>
    <message>
        <source>relevance of the query</source>
        <translation>该查询的相关性</translation>
    </message>
</context>
<context>
    <name>ProbeMetric</name>
    <message>
        <source>IoU at the best threshold</source>
        <translation>最佳阈值下的 IoU</translation>
    </message>
    <message>
        <source>IoU at the fixed threshold</source>
        <translation>固定阈值下的 IoU</translation>
    </message>
    <message>
        <source>Jaccard of the 60% mass mask</source>
        <translation>60% 质量掩码的 Jaccard</translation>
    </message>
    <message>
        <source>Pointing game</source>
        <translation>指点游戏</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>Mass inside the mask</source>
        <translation>掩码内的质量</translation>
    </message>
    <message>
        <source>Top-|mask| tokens inside the mask</source>
        <translation>前 |mask| 个词元落在掩码内的比例</translation>
    </message>
    <message>
        <source>Mean inside / mean outside</source>
        <translation>内部均值 / 外部均值</translation>
    </message>
    <message>
        <source>Gini coefficient</source>
        <translation>基尼系数</translation>
    </message>
    <message>
        <source>Normalised entropy</source>
        <translation>归一化熵</translation>
    </message>
    <message>
        <source>Mass of the top 10% tokens</source>
        <translation>前 10% 词元的质量</translation>
    </message>
    <message>
        <source>Top-1 is the label (accuracy)</source>
        <translation>Top-1 即标签（准确率）</translation>
    </message>
    <message>
        <source>Probability of the label</source>
        <translation>标签的概率</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Variant</name>
    <message>
        <source>+LLM layer %1</source>
        <translation>+LLM 第 %1 层</translation>
    </message>
    <message>
        <source>+random block</source>
        <translation>+随机模块</translation>
    </message>
    <message>
        <source>+identity</source>
        <translation>+恒等映射</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>encoder → adapter → frozen LLM layer from the checkpoint → adapter → tail</source>
        <translation>编码器 → 适配器 → 检查点中的冻结 LLM 层 → 适配器 → 尾部</translation>
    </message>
    <message>
        <source>the same with the layer's weights drawn at random (seeded): is it the LLM's knowledge?</source>
        <translation>同上，但该层权重随机生成（固定种子）：起作用的是 LLM 的知识吗？</translation>
    </message>
    <message>
        <source>the two adapters alone, the layer replaced by the identity: is it the extra parameters?</source>
        <translation>仅保留两个适配器，该层替换为恒等映射：起作用的是额外的参数吗？</translation>
    </message>
    <message>
        <source>encoder → tail, without adapters or layer</source>
        <translation>编码器 → 尾部，不含适配器和该层</translation>
    </message>
</context>
<context>
    <name>filterscope::ChartsPanel</name>
    <message>
        <source>Through stages</source>
        <translation>逐阶段</translation>
    </message>
    <message>
        <source>Norm histogram</source>
        <translation>范数直方图</translation>
    </message>
    <message>
        <source>Radial spectrum</source>
        <translation>径向频谱</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Heads: this plugin returns no attn.* captures</source>
        <translation>注意力头：此插件不返回 attn.* 捕获</translation>
    </message>
    <message>
        <source>Heads: %1</source>
        <translation>注意力头：%1</translation>
    </message>
    <message>
        <source>entropy of the CLS row / log N</source>
        <translation>CLS 行的熵 / log N</translation>
    </message>
    <message>
        <source>mean attention distance (grid cells)</source>
        <translation>平均注意力距离（网格单元）</translation>
    </message>
    <message>
        <source>Every head: focused heads sit low and left</source>
        <translation>所有注意力头：聚焦的头位于左下</translation>
    </message>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>this input failed (the main view says why)</source>
        <translation>此输入失败（主视图中说明原因）</translation>
    </message>
    <message>
        <source>Token norms: %1</source>
        <translation>词元范数：%1</translation>
    </message>
    <message>
        <source>grid tokens (%1)</source>
        <translation>网格词元（%1）</translation>
    </message>
    <message>
        <source>‖xᵢ‖₂</source>
        <translation>‖xᵢ‖₂</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>prefix tokens (CLS…)</source>
        <translation>前缀词元（CLS…）</translation>
    </message>
    <message>
        <source>Token norms at %1 (%2 grid tokens)</source>
        <translation>%1 处的词元范数（%2 个网格词元）</translation>
    </message>
    <message>
        <source>Per-stage curves: %1</source>
        <translation>逐阶段曲线：%1</translation>
    </message>
    <message>
        <source>mean norm</source>
        <translation>平均范数</translation>
    </message>
    <message>
        <source>mean phase-norm</source>
        <translation>平均相位范数</translation>
    </message>
    <message>
        <source>HF ratio (right)</source>
        <translation>高频占比（右轴）</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>HF ratio</source>
        <translation>高频占比</translation>
    </message>
    <message>
        <source>Through the stages of %1</source>
        <translation>%1 的各阶段</translation>
    </message>
    <message>
        <source>Radial spectrum: %1</source>
        <translation>径向频谱：%1</translation>
    </message>
    <message>
        <source>radius (cycles/token)</source>
        <translation>半径（周期/词元）</translation>
    </message>
    <message>
        <source>power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source> (first stage)</source>
        <translation>（第一阶段）</translation>
    </message>
    <message>
        <source>Radial spectrum at %1 (HF ratio %2)</source>
        <translation>%1 处的径向频谱（高频占比 %2）</translation>
    </message>
    <message>
        <source>Token outliers</source>
        <translation>离群词元</translation>
    </message>
    <message>
        <source>Layer similarity</source>
        <translation>层间相似度</translation>
    </message>
    <message>
        <source>Fourier depth</source>
        <translation>傅里叶深度曲线</translation>
    </message>
    <message>
        <source>Faithfulness</source>
        <translation>忠实度</translation>
    </message>
    <message>
        <source>All charts</source>
        <translation>全部图表</translation>
    </message>
    <message>
        <source>Every chart of this dock</source>
        <translation>此停靠窗口中的所有图表</translation>
    </message>
</context>
<context>
    <name>filterscope::CkaHeatmapView</name>
    <message>
        <source>Linear CKA between stages: 1 = the same representation up to rotation and scale</source>
        <translation>阶段间的线性 CKA：1 表示在旋转和缩放意义下表示相同</translation>
    </message>
    <message>
        <source>Layer similarity needs at least two token stages</source>
        <translation>层间相似度至少需要两个词元阶段</translation>
    </message>
    <message>
        <source>Layer similarity: no result yet</source>
        <translation>层间相似度：尚无结果</translation>
    </message>
    <message>
        <source>CKA: A's stages (rows) against B's (columns)</source>
        <translation>CKA：A 的阶段（行）对 B 的阶段（列）</translation>
    </message>
    <message>
        <source>CKA between the stages of A (B has too many tokens to compare across models)</source>
        <translation>A 各阶段之间的 CKA（B 的词元过多，无法跨模型比较）</translation>
    </message>
    <message>
        <source>CKA between the stages of %1</source>
        <translation>%1 各阶段之间的 CKA</translation>
    </message>
    <message>
        <source>%1 × %2: different token counts</source>
        <translation>%1 × %2：词元数不同</translation>
    </message>
    <message>
        <source>%1 × %2: CKA = %3</source>
        <translation>%1 × %2：CKA = %3</translation>
    </message>
</context>
<context>
    <name>filterscope::CompareSummaryPanel</name>
    <message>
        <source>The stage the comparison plugin B shows; by default A's stage when B has it</source>
        <translation>对比插件 B 显示的阶段；默认在 B 具有该阶段时使用 A 的阶段</translation>
    </message>
    <message>
        <source>B shows</source>
        <translation>B 显示</translation>
    </message>
    <message>
        <source>A's stage (when B has it)</source>
        <translation>A 的阶段（若 B 具有）</translation>
    </message>
    <message>
        <source>Open a comparison plugin to compare maps</source>
        <translation>打开对比插件以比较热力图</translation>
    </message>
    <message>
        <source>Waiting for both results</source>
        <translation>正在等待两个结果</translation>
    </message>
    <message>
        <source>The two maps have different shapes</source>
        <translation>两张热力图形状不同</translation>
    </message>
    <message>
        <source> (on %1×%2, nearest cell)</source>
        <translation>（在 %1×%2 上，取最近单元）</translation>
    </message>
    <message>
        <source>undefined (a constant map)</source>
        <translation>未定义（常数热力图）</translation>
    </message>
    <message>
        <source>No difference: %1 has no %2 map to compare</source>
        <translation>无差异：%1 没有可比较的%2图</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>A and B joined</source>
        <translation>A 与 B 共用</translation>
    </message>
    <message>
        <source>A range each</source>
        <translation>各自范围</translation>
    </message>
    <message>
        <source>A's and B's colour ranges. Joined: equal colours are equal values. A range each: two stages whose values differ tenfold both stay readable. Automatic: joined when B shows A's stage, else a range each</source>
        <translation>A 与 B 的颜色范围。共用：相同颜色即相同数值。各自范围：数值相差十倍的两个阶段都清晰可读。自动：B 显示 A 的阶段时共用，否则各自范围</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>颜色范围</translation>
    </message>
    <message>
        <source>Automatic: joined</source>
        <translation>自动：共用</translation>
    </message>
    <message>
        <source>Automatic: a range each</source>
        <translation>自动：各自范围</translation>
    </message>
    <message>
        <source>A: %1
B: %2
%3 cells compared%4
mean |A − B| = %5
max |A − B| = %6
Pearson r(A, B) = %7
colours: %8</source>
        <translation>A：%1
B：%2
比较了 %3 个单元%4
平均 |A − B| = %5
最大 |A − B| = %6
Pearson r(A, B) = %7
颜色：%8</translation>
    </message>
    <message>
        <source>A and B on one range</source>
        <translation>A 与 B 同一范围</translation>
    </message>
    <message>
        <source>a range each</source>
        <translation>各自范围</translation>
    </message>
</context>
<context>
    <name>filterscope::CoverageView</name>
    <message>
        <source>coverage (%1% uncovered)</source>
        <translation>覆盖率（%1% 未覆盖）</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
</context>
<context>
    <name>filterscope::DatasetProbePanel</name>
    <message>
        <source>Run probe</source>
        <translation>运行探测</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>folder of images</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>Every image in this folder is run through the open plugins (A, and B in compare mode)</source>
        <translation>此文件夹中的每张图像都会经过已打开的插件（A，对比模式下还有 B）</translation>
    </message>
    <message>
        <source>Click a row to open that input at that stage and map</source>
        <translation>点击一行，以该阶段和热力图打开该输入</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Input folder</source>
        <translation>输入文件夹</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Mask folder</source>
        <translation>掩码文件夹</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Scores the open plugins' maps against ground-truth masks, and their predictions against labels, over a folder (filterscope-cli probe does the same from the command line).</source>
        <translation>在一个文件夹上，以真值掩码为准对已打开插件的热力图评分，并以标签为准对其预测评分（命令行中 filterscope-cli probe 执行相同操作）。</translation>
    </message>
    <message>
        <source>Open an image plugin first (File &gt; Open Plugin).</source>
        <translation>请先打开一个图像插件（文件 &gt; 打开插件）。</translation>
    </message>
    <message>
        <source>Choose a folder of images ("%1" is not a folder).</source>
        <translation>请选择一个图像文件夹（“%1”不是文件夹）。</translation>
    </message>
    <message>
        <source>"%1" is not a folder of masks.</source>
        <translation>“%1”不是掩码文件夹。</translation>
    </message>
    <message>
        <source>%1 holds no images.</source>
        <translation>%1 中没有图像。</translation>
    </message>
    <message>
        <source>Running %1 models over %2 inputs…</source>
        <translation>正在对 %2 个输入运行 %1 个模型…</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Score every image of the folder with the open plugins, in the background</source>
        <translation>在后台用已打开的插件为文件夹中的每张图像评分</translation>
    </message>
    <message>
        <source>Stop the probe; finished items are kept and a rerun resumes</source>
        <translation>停止探测；已完成的项目会保留，再次运行时继续</translation>
    </message>
    <message>
        <source>The metric the chart shows per stage, with its 95% interval</source>
        <translation>图表逐阶段显示的指标及其 95% 置信区间</translation>
    </message>
    <message>
        <source>The map kind the chart and table show</source>
        <translation>图表和表格显示的热力图类型</translation>
    </message>
    <message>
        <source>Open Report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>output folder (empty: the default)</source>
        <translation>输出文件夹（留空：默认位置）</translation>
    </message>
    <message>
        <source>Where the tables, report.html and its figures are written (empty: a folder of its own for these models, inputs and masks); the same folder again resumes</source>
        <translation>表格、report.html 及其图写入的位置（留空：为这些模型、输入和掩码单独建一个文件夹）；再次使用同一文件夹即可续跑</translation>
    </message>
    <message>
        <source>Open the report of the last probe in the browser</source>
        <translation>在浏览器中打开上次探测的报告</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>%1 items computed, %2 already done, %3 failed%4</source>
        <translation>已计算 %1 项，%2 项此前已完成，%3 项失败%4</translation>
    </message>
    <message>
        <source>, cancelled: Run again to finish</source>
        <translation>，已取消：再次运行即可完成</translation>
    </message>
    <message>
        <source>
Report, tables and figures: %1</source>
        <translation>
报告、表格和图：%1</translation>
    </message>
    <message>
        <source>
Tables: %1</source>
        <translation>
表格：%1</translation>
    </message>
    <message>
        <source>mask folder (optional)</source>
        <translation>掩码文件夹（可选）</translation>
    </message>
    <message>
        <source>Ground-truth masks for the mask metrics (IoU, pointing game, AUROC, mass), named after their image: x.png or x_mask.png for x.jpg. Without them only the label-free metrics (Gini, entropy, top-10% mass) are scored</source>
        <translation>掩码指标（IoU、指向游戏、AUROC、质量）所用的真值掩码，按其图像命名：x.jpg 对应 x.png 或 x_mask.png。没有掩码时只计算无标签指标（Gini、熵、前 10% 质量）</translation>
    </message>
    <message>
        <source>labels file (optional)</source>
        <translation>标签文件（可选）</translation>
    </message>
    <message>
        <source>A CSV file with the columns input,label (the class index of the model's logit; input paths relative to the file's folder), as make_shapes.py writes. Adds per input whether the top-1 prediction is the label and the label's probability, the accuracy with its 95% interval, and makes the label the target class of relevance and faithfulness</source>
        <translation>含 input,label 两列的 CSV 文件（label 为模型 logit 的类别序号；输入路径相对于该文件所在文件夹），与 make_shapes.py 写出的相同。为每个输入添加 top-1 预测是否为标签及标签的概率、带 95% 置信区间的准确率，并以标签作为相关性和忠实度的目标类别</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Labels file</source>
        <translation>标签文件</translation>
    </message>
    <message>
        <source>"%1" is not a labels file.</source>
        <translation>“%1”不是标签文件。</translation>
    </message>
    <message>
        <source>%1 labels none of the %2 images in %3 (its input paths are relative to its folder).</source>
        <translation>%1 未标注 %3 中 %2 张图像中的任何一张（其输入路径相对于它所在的文件夹）。</translation>
    </message>
    <message>
        <source>
Accuracy of %1: %2% (95% interval %3–%4%, %5 inputs)</source>
        <translation>
%1 的准确率：%2%（95% 置信区间 %3–%4%，%5 个输入）</translation>
    </message>
</context>
<context>
    <name>filterscope::ExportActions</name>
    <message>
        <source>&amp;Export View…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export &amp;Stage Strip Figure…</source>
        <translation>导出阶段条图(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>C&amp;opy View</source>
        <translation>复制视图(&amp;O)</translation>
    </message>
    <message>
        <source>View copied to the clipboard</source>
        <translation>视图已复制到剪贴板</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>%1: the 3D view has no frame to export</source>
        <translation>%1：3D 视图没有可导出的画面</translation>
    </message>
    <message>
        <source>%1: cannot write the 3D view</source>
        <translation>%1：无法写入 3D 视图</translation>
    </message>
    <message>
        <source>Export stage strip</source>
        <translation>导出阶段条</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>filterscope::ExportDialog</name>
    <message>
        <source>Natural size</source>
        <translation>原始尺寸</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>in</source>
        <translation>英寸</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>厘米</translation>
    </message>
    <message>
        <source>pt</source>
        <translation>磅</translation>
    </message>
    <message>
        <source>from the width</source>
        <translation>由宽度决定</translation>
    </message>
    <message>
        <source>The map 448 pt on its longer side (the size the batch writes)</source>
        <translation>图的长边为 448 磅（批处理写出的尺寸）</translation>
    </message>
    <message>
        <source>The figure's width; text keeps its size, the map takes the rest</source>
        <translation>图的宽度；文字大小不变，其余空间留给图</translation>
    </message>
    <message>
        <source>A height the figure must fit into (0: what the width gives)</source>
        <translation>图须容纳于其中的高度（0：由宽度决定）</translation>
    </message>
    <message>
        <source> DPI</source>
        <translation> DPI</translation>
    </message>
    <message>
        <source>PNG resolution; PDF and SVG are vectors at any zoom</source>
        <translation>PNG 分辨率；PDF 和 SVG 是矢量图，任意缩放均清晰</translation>
    </message>
    <message>
        <source>optional, printed under the figure</source>
        <translation>可选，印在图的下方</translation>
    </message>
    <message>
        <source>A caption printed under the figure, wrapped to its width</source>
        <translation>印在图下方的图注，按图宽自动换行</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>图注</translation>
    </message>
</context>
<context>
    <name>filterscope::FaithfulnessChart</name>
    <message>
        <source>Compute insertion/deletion curves</source>
        <translation>计算插入/删除曲线</translation>
    </message>
    <message>
        <source>Remove (deletion) or add (insertion) the tokens this map ranks highest, 1/16 of them per step, and follow the predicted class's probability (RISE, Petsiuk et al. 2018)</source>
        <translation>按此热力图的排序，每步删除（删除曲线）或加入（插入曲线）排名最高的 1/16 词元，并跟踪预测类别的概率（RISE，Petsiuk 等，2018）</translation>
    </message>
    <message>
        <source>share of tokens removed or kept</source>
        <translation>删除或保留的词元比例</translation>
    </message>
    <message>
        <source>p(predicted class)</source>
        <translation>p（预测类别）</translation>
    </message>
    <message>
        <source>Insertion/deletion curves of the map shown</source>
        <translation>当前热力图的插入/删除曲线</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>insertion</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: class %2, %3 at %4, insertion AUC %5, deletion AUC %6</source>
        <translation>%1：类别 %2，%4 处的 %3，插入 AUC %5，删除 AUC %6</translation>
    </message>
</context>
<context>
    <name>filterscope::FaithfulnessRequests</name>
    <message>
        <source>no result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>insertion/deletion curves are for image plugins</source>
        <translation>插入/删除曲线仅适用于图像插件</translation>
    </message>
    <message>
        <source>the plugin returns no [1,K] "logits" to score the class with</source>
        <translation>插件未返回用于类别评分的 [1,K] "logits"</translation>
    </message>
    <message>
        <source>no map for this stage</source>
        <translation>此阶段没有热力图</translation>
    </message>
</context>
<context>
    <name>filterscope::FilmstripView</name>
    <message>
        <source>The filmstrip shows the sampled frames of a video input</source>
        <translation>胶片条显示视频输入的采样帧</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
</context>
<context>
    <name>filterscope::FourierDepthChart</name>
    <message>
        <source>Δ log amplitude at the highest frequency of each stage (Park &amp; Kim 2022): higher keeps more high-frequency content</source>
        <translation>每个阶段最高频率处的 Δ 对数幅值（Park &amp; Kim 2022）：越高表示保留的高频率成分越多</translation>
    </message>
    <message>
        <source>Fourier depth curve: no square token grid</source>
        <translation>傅里叶深度曲线：没有正方形词元网格</translation>
    </message>
    <message>
        <source>Fourier depth curve: no result yet</source>
        <translation>傅里叶深度曲线：尚无结果</translation>
    </message>
    <message>
        <source>Δ log amplitude at π</source>
        <translation>π 处的 Δ 对数幅值</translation>
    </message>
    <message>
        <source>High frequencies through the stages&lt;br&gt;(Park &amp; Kim 2022)</source>
        <translation>各阶段的高频率成分&lt;br&gt;（Park &amp; Kim 2022）</translation>
    </message>
</context>
<context>
    <name>filterscope::HeadAtlasView</name>
    <message>
        <source>No attention at this stage for this input</source>
        <translation>此输入在该阶段没有注意力</translation>
    </message>
    <message>
        <source>the mean over query tokens</source>
        <translation>所有查询词元的平均</translation>
    </message>
    <message>
        <source>prefix token %1 (CLS)</source>
        <translation>前缀词元 %1（CLS）</translation>
    </message>
    <message>
        <source>token %1 (row %2, col %3)</source>
        <translation>词元 %1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>who attends to %1</source>
        <translation>谁关注 %1</translation>
    </message>
    <message>
        <source>where %1 attends</source>
        <translation>%1 关注哪里</translation>
    </message>
    <message>
        <source>%1, every head: %2%3</source>
        <translation>%1，每个头：%2%3</translation>
    </message>
    <message>
        <source> (hover a token to see its row in all heads)</source>
        <translation>（悬停在词元上，可在所有头中查看它的行）</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>, entropy %1</source>
        <translation>，熵 %1</translation>
    </message>
</context>
<context>
    <name>filterscope::HeadGridPanel</name>
    <message>
        <source>model order</source>
        <translation>模型顺序</translation>
    </message>
    <message>
        <source>entropy (low first)</source>
        <translation>熵（低者在前）</translation>
    </message>
    <message>
        <source>mean distance (short first)</source>
        <translation>平均距离（短者在前）</translation>
    </message>
    <message>
        <source>sink share (high first)</source>
        <translation>汇聚占比（高者在前）</translation>
    </message>
    <message>
        <source>Sort heads by</source>
        <translation>注意力头排序依据</translation>
    </message>
    <message>
        <source>Order of the heads within each stage's row</source>
        <translation>每个阶段一行中注意力头的排列顺序</translation>
    </message>
    <message>
        <source>Open Large</source>
        <translation>放大打开</translation>
    </message>
    <message>
        <source>Every head of the shown stage in a window of its own: hover a token to see its row in all heads at once (or double-click a row)</source>
        <translation>在单独窗口中显示当前阶段的每个头：悬停在词元上即可同时在所有头中看到它的行（或双击一行）</translation>
    </message>
    <message>
        <source>H: entropy of the query row (1 = uniform); hover a head for all its numbers; double-click a row to open its heads large</source>
        <translation>H：查询行的熵（1 = 均匀）；悬停在头上查看全部数值；双击一行可放大查看其所有头</translation>
    </message>
    <message>
        <source>Heads of %1</source>
        <translation>%1 的头</translation>
    </message>
</context>
<context>
    <name>filterscope::HeadGridView</name>
    <message>
        <source>Open a plugin</source>
        <translation>打开插件</translation>
    </message>
    <message>
        <source>%1 returns no attn.* captures, so there are no heads to show.
Plugins return softmax attention as attn.&lt;stage&gt; [1,H,N,N] (plugins/README.md).</source>
        <translation>%1 不返回 attn.* 捕获，因此没有可显示的注意力头。
插件以 attn.&lt;stage&gt; [1,H,N,N] 返回 softmax 注意力（见 plugins/README.md）。</translation>
    </message>
    <message>
        <source>No heads: this input failed (the main view says why)</source>
        <translation>无注意力头：此输入失败（主视图中说明原因）</translation>
    </message>
    <message>
        <source>Waiting for a result</source>
        <translation>正在等待结果</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>h%1</source>
        <translation>h%1</translation>
    </message>
    <message>
        <source> H %1</source>
        <translation> H %1</translation>
    </message>
    <message>
        <source>%1, mean over heads: click to show it</source>
        <translation>%1，各头平均：点击显示</translation>
    </message>
    <message>
        <source>%1, head %2: entropy %3 (of the default query's row; 1 = uniform), mean distance %4 cells, sink share %5</source>
        <translation>%1，第 %2 个注意力头：熵 %3（默认查询行；1 = 均匀），平均距离 %4 个单元，汇聚占比 %5</translation>
    </message>
</context>
<context>
    <name>filterscope::HelpActions</name>
    <message>
        <source>Interface &amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The interface language changes when Filterscope starts next.</source>
        <translation>界面语言将在 Filterscope 下次启动时更改。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>A short walk through the bundled demo</source>
        <translation>随附演示的简短导览</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About Filterscope</source>
        <translation>关于 Filterscope(&amp;A)</translation>
    </message>
    <message>
        <source>Getting Started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Getting started with the demo&lt;/h3&gt;&lt;p&gt;The window opens the bundled plugin &lt;b&gt;demo-shapes&lt;/b&gt; on one of its sample images. It was trained here on a task whose truth is known: each image holds one shape (circle, square, triangle, star or cross) on clutter, and only the shape decides the class. Its default variant has a frozen language-model layer between two trained adapters (Pang et al.); the Variants menu has the same model with a frozen random layer, with the adapters alone, and without either (baseline).&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Stages&lt;/b&gt; (the strip below the view): each stage's map for this input. Click one to show it large; Page Up / Page Down step through the stages.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Map kind&lt;/b&gt; (tool bar, or Ctrl+1 to Ctrl+8): token norm, activation, frequency, spatial spectrum, attention, Q-Former query, attention rollout, query relevance.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tokens&lt;/b&gt;: click a token in the view to pick it. Attention maps then show where it attends (or, with “attended by”, which tokens attend to it); the charts follow.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Heads&lt;/b&gt; (dock): every attention head of every stage with its entropy; click a cell to show that head.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compare&lt;/b&gt;: Variants &amp;gt; Compare With (e.g. &lt;i&gt;baseline&lt;/i&gt;), or File &amp;gt; Open Comparison Plugin; Ctrl+D switches compare mode. The fourth quadrant says how much A and B differ.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Probe&lt;/b&gt; (dock): score maps against foreground masks and predictions against labels over a whole folder, several models, with 95% confidence intervals. The sample's folders: share/filterscope/demo/shapes/ (images, masks, labels.csv).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Keep it&lt;/b&gt;: Ctrl+E exports the view as PNG, SVG or PDF at any resolution; File &amp;gt; Save Session As keeps plugins, inputs, selections and the layout.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;The same numbers without a window: &lt;code&gt;filterscope-cli run --plugin DIR --input FILE --out FOLDER&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;从演示开始&lt;/h3&gt;&lt;p&gt;窗口在其一张示例图像上打开随附插件 &lt;b&gt;demo-shapes&lt;/b&gt;。它在本机上针对一个真值已知的任务训练：每张图像在杂乱背景上有一个形状（圆、正方形、三角形、星形或十字），类别只由形状决定。其默认变体在两个训练好的适配器之间有一个冻结的语言模型层（Pang 等人）；变体菜单中有同一模型换成冻结随机层、只有适配器、以及两者皆无（基线）的版本。&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;阶段&lt;/b&gt;（视图下方的条带）：此输入在每个阶段的热力图。点击其一可放大显示；Page Up / Page Down 逐阶段切换。&lt;/li&gt;&lt;li&gt;&lt;b&gt;热力图类型&lt;/b&gt;（工具栏，或 Ctrl+1 至 Ctrl+8）：词元范数、激活、频率、空间频谱、注意力、Q-Former 查询、注意力展开、查询相关性。&lt;/li&gt;&lt;li&gt;&lt;b&gt;词元&lt;/b&gt;：在视图中点击一个词元以选中它。注意力图随即显示它关注哪里（或在“被关注”模式下，哪些词元关注它）；图表随之更新。&lt;/li&gt;&lt;li&gt;&lt;b&gt;注意力头&lt;/b&gt;（停靠窗）：每个阶段的每个注意力头及其熵；点击单元格显示该头。&lt;/li&gt;&lt;li&gt;&lt;b&gt;对比&lt;/b&gt;：变体 &amp;gt; 对比（例如 &lt;i&gt;baseline&lt;/i&gt;），或文件 &amp;gt; 打开对比插件；Ctrl+D 切换对比模式。第四象限给出 A 与 B 的差异。&lt;/li&gt;&lt;li&gt;&lt;b&gt;探测&lt;/b&gt;（停靠窗）：在整个文件夹上、对多个模型，以前景掩码为准对热力图评分、以标签为准对预测评分，并给出 95% 置信区间。示例的文件夹：share/filterscope/demo/shapes/（images、masks、labels.csv）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;保存&lt;/b&gt;：Ctrl+E 将视图以任意分辨率导出为 PNG、SVG 或 PDF；文件 &amp;gt; 会话另存为 保存插件、输入、选择和布局。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;无需窗口也能得到相同的数值：&lt;code&gt;filterscope-cli run --plugin DIR --input FILE --out FOLDER&lt;/code&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Filterscope</source>
        <translation>关于 Filterscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Filterscope %1&lt;/h3&gt;&lt;p&gt;A workbench to look inside vision transformers and frozen LLM blocks: token norms, frequency maps, attention heads and query relevance, for images, video clips and point clouds.&lt;/p&gt;&lt;p&gt;Runs with:&lt;/p&gt;&lt;ul&gt;%2&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Filterscope %1&lt;/h3&gt;&lt;p&gt;查看视觉 Transformer 与冻结 LLM 模块内部的工作台：词元范数、频率图、注意力头与查询相关性，适用于图像、视频片段和点云。&lt;/p&gt;&lt;p&gt;运行所用的库：&lt;/p&gt;&lt;ul&gt;%2&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>The user guide is not installed: %1 is missing</source>
        <translation>未安装用户指南：缺少 %1</translation>
    </message>
    <message>
        <source>Filterscope User Guide</source>
        <translation>Filterscope 用户指南</translation>
    </message>
</context>
<context>
    <name>filterscope::InputActions</name>
    <message>
        <source>Open &amp;Inputs (Images, Videos, Point Clouds)…</source>
        <translation>打开输入（图像、视频、点云）(&amp;I)…</translation>
    </message>
    <message>
        <source>Open inputs</source>
        <translation>打开输入</translation>
    </message>
    <message>
        <source>Images, videos and point clouds (%1 %2 %3);;Images (%1);;Videos (%2);;Point clouds (%3)</source>
        <translation>图像、视频和点云 (%1 %2 %3);;图像 (%1);;视频 (%2);;点云 (%3)</translation>
    </message>
    <message>
        <source>Open Input &amp;Folder…</source>
        <translation>打开输入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open input folder</source>
        <translation>打开输入文件夹</translation>
    </message>
</context>
<context>
    <name>filterscope::MainWindow</name>
    <message>
        <source>Filterscope</source>
        <translation>Filterscope</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探测</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
<context>
    <name>filterscope::MapOverlayView</name>
    <message>
        <source>Open a plugin… (click, or File &gt; Open Plugin)</source>
        <translation>打开插件…（点击，或 文件 &gt; 打开插件）</translation>
    </message>
    <message>
        <source>Open a comparison plugin… (click)</source>
        <translation>打开对比插件…（点击）</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>Open an image (File &gt; Open Images)</source>
        <translation>打开图像（文件 &gt; 打开输入）</translation>
    </message>
    <message>
        <source>, mean of heads</source>
        <translation>，各头平均</translation>
    </message>
    <message>
        <source>, head %1</source>
        <translation>，第 %1 个头</translation>
    </message>
    <message>
        <source>mean attention over all query tokens</source>
        <translation>所有查询词元的平均注意力</translation>
    </message>
    <message>
        <source>prefix token %1 (CLS)</source>
        <translation>前缀词元 %1（CLS）</translation>
    </message>
    <message>
        <source>token %1 (row %2, col %3)</source>
        <translation>词元 %1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>who attends to %1</source>
        <translation>谁关注 %1</translation>
    </message>
    <message>
        <source>where %1 attends</source>
        <translation>%1 关注哪里</translation>
    </message>
    <message>
        <source>attention rollout %1 to %2, from CLS</source>
        <translation>注意力展开 %1 至 %2，从 CLS 出发</translation>
    </message>
    <message>
        <source>attention rollout %1 to %2, mean over query tokens</source>
        <translation>注意力展开 %1 至 %2，对查询词元取平均</translation>
    </message>
    <message>
        <source>relevance of query %1, %2</source>
        <translation>查询 %1 的相关性，%2</translation>
    </message>
    <message>
        <source>cross-attention of query %1</source>
        <translation>查询 %1 的交叉注意力</translation>
    </message>
    <message>
        <source>Open a comparison plugin</source>
        <translation>打开对比插件</translation>
    </message>
    <message>
        <source>Waiting for both results</source>
        <translation>正在等待两个结果</translation>
    </message>
    <message>
        <source>The two maps have different grids</source>
        <translation>两张热力图的网格不同</translation>
    </message>
    <message>
        <source> on %1×%2</source>
        <translation> 在 %1×%2 上</translation>
    </message>
    <message>
        <source>A − B%1: %2, %3 − %4</source>
        <translation>A − B%1：%2，%3 − %4</translation>
    </message>
    <message>
        <source>difference of %1</source>
        <translation>%1 之差</translation>
    </message>
    <message>
        <source>%1 (it has no %2)</source>
        <translation>%1（它没有 %2）</translation>
    </message>
    <message>
        <source>, A and B joint scale</source>
        <translation>，A 与 B 共用色标</translation>
    </message>
    <message>
        <source>, shared scale</source>
        <translation>，共用色标</translation>
    </message>
    <message>
        <source>, per-map scale</source>
        <translation>，各图独立色标</translation>
    </message>
    <message>
        <source>No %1 map for stage %2</source>
        <translation>阶段 %2 没有 %1 热力图</translation>
    </message>
    <message>
        <source> of query %1</source>
        <translation>（查询 %1）</translation>
    </message>
    <message>
        <source>B (%1) has no %2 map at any stage</source>
        <translation>B（%1）在任何阶段都没有%2图</translation>
    </message>
    <message>
        <source>No difference: %1 has no %2 map to compare</source>
        <translation>无差异：%1 没有可比较的%2图</translation>
    </message>
    <message>
        <source>%1 (nearest with this map: its %2 has none)</source>
        <translation>%1（有此图的最近阶段：其 %2 没有此图）</translation>
    </message>
    <message>
        <source>A − B, </source>
        <translation>A − B，</translation>
    </message>
    <message>
        <source>A, </source>
        <translation>A，</translation>
    </message>
    <message>
        <source>B, </source>
        <translation>B，</translation>
    </message>
    <message>
        <source>%7token %1 (row %2, col %3): %4%5 = %6</source>
        <translation>%7词元 %1（第 %2 行，第 %3 列）：%4%5 = %6</translation>
    </message>
</context>
<context>
    <name>filterscope::NoticeBar</name>
    <message>
        <source>Close this notice</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <source>Act on this notice</source>
        <translation>处理此提示</translation>
    </message>
</context>
<context>
    <name>filterscope::PluginActions</name>
    <message>
        <source>Open &amp;Plugin…</source>
        <translation>打开插件(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Open &amp;Comparison Plugin…</source>
        <translation>打开对比插件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Recent Plugins</source>
        <translation>最近的插件(&amp;R)</translation>
    </message>
    <message>
        <source>Open plugin folder</source>
        <translation>打开插件文件夹</translation>
    </message>
    <message>
        <source>Open comparison plugin folder</source>
        <translation>打开对比插件文件夹</translation>
    </message>
</context>
<context>
    <name>filterscope::PointCloudView</name>
    <message>
        <source>
grey: %1 points in no group (no value)</source>
        <translation>
灰色：%1 个点不属于任何组（无数值）</translation>
    </message>
    <message>
        <source>no value (in no group)</source>
        <translation>无数值（不属于任何组）</translation>
    </message>
    <message>
        <source>point %1: %2 %3</source>
        <translation>点 %1：%2 %3</translation>
    </message>
    <message>
        <source>point %1: group %2, centre (%3, %4, %5), %6 %7</source>
        <translation>点 %1：组 %2，中心 (%3, %4, %5)，%6 %7</translation>
    </message>
</context>
<context>
    <name>filterscope::ProbeStageChart</name>
    <message>
        <source>%1 of the %2 map per stage (95% interval)</source>
        <translation>%2 热力图各阶段的 %1（95% 置信区间）</translation>
    </message>
    <message>
        <source>%1 95% interval</source>
        <translation>%1 95% 置信区间</translation>
    </message>
</context>
<context>
    <name>filterscope::QueryPanel</name>
    <message>
        <source>Coverage: at each cell, the largest cross-attention any query puts there (max over queries); cells below 1/(h·w), uniform attention, count as uncovered</source>
        <translation>覆盖率：每个单元上任一查询给出的最大交叉注意力（对查询取最大）；低于 1/(h·w)（均匀注意力）的单元计为未覆盖</translation>
    </message>
    <message>
        <source>Open a plugin</source>
        <translation>打开插件</translation>
    </message>
    <message>
        <source>%1 returns no xattn.* captures: it has no Q-Former-style queries to show. Connectors with learned queries return xattn.&lt;stage&gt; [1,H,M,N] (plugins/README.md).</source>
        <translation>%1 不返回 xattn.* 捕获：它没有可显示的 Q-Former 式查询。带可学习查询的连接器返回 xattn.&lt;stage&gt; [1,H,M,N]（见 plugins/README.md）。</translation>
    </message>
    <message>
        <source>Waiting for a result</source>
        <translation>正在等待结果</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 queries, &lt;b&gt;%3&lt;/b&gt; effective (pooling to %4 outputs: %5); %6 duplicate groups holding %7 queries; &lt;b&gt;%8%&lt;/b&gt; of the image uncovered (pooling: %9%).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 个查询，&lt;b&gt;%3&lt;/b&gt; 个有效（池化到 %4 个输出：%5）；%6 个重复组，共 %7 个查询；图像的 &lt;b&gt;%8%&lt;/b&gt; 未被覆盖（池化：%9%）。</translation>
    </message>
</context>
<context>
    <name>filterscope::RunStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling — “%1” has not returned (%2 s)</source>
        <translation>正在取消——“%1”尚未返回（%2 秒）</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>A model's forward pass cannot be interrupted: the job stops as soon as it returns. Quitting ends it.</source>
        <translation>模型的前向传播无法中断：任务会在其返回后立即停止。退出程序可将其结束。</translation>
    </message>
    <message>
        <source>%1 — still running (%2 s)</source>
        <translation>%1——仍在运行（%2 秒）</translation>
    </message>
    <message>
        <source>Stop every background task: the waiting ones at once, the running one at its next step (Esc)</source>
        <translation>停止所有后台任务：等待中的立即停止，运行中的在下一步停止（Esc）</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>▶ %1 (%2): %3</source>
        <translation>▶ %1（%2）：%3</translation>
    </message>
    <message>
        <source>… %1 (%2)</source>
        <translation>… %1（%2）</translation>
    </message>
    <message>
        <source>+%1 waiting</source>
        <translation>另有 %1 个等待中</translation>
    </message>
</context>
<context>
    <name>filterscope::SelectionToolBar</name>
    <message>
        <source>Selection</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Shared scale</source>
        <translation>共用色标</translation>
    </message>
    <message>
        <source>Opacity of the map over the image</source>
        <translation>热力图叠加在图像上的不透明度</translation>
    </message>
    <message>
        <source>One colour range over every stage (otherwise each map spans its own min to max)</source>
        <translation>所有阶段使用同一色标范围（否则每张图使用各自的最小值到最大值）</translation>
    </message>
    <message>
        <source> Stage </source>
        <translation> 阶段 </translation>
    </message>
    <message>
        <source>  Map </source>
        <translation>  热力图 </translation>
    </message>
    <message>
        <source>  Colours </source>
        <translation>  配色 </translation>
    </message>
    <message>
        <source>  Opacity </source>
        <translation>  不透明度 </translation>
    </message>
    <message>
        <source>attends to</source>
        <translation>关注</translation>
    </message>
    <message>
        <source>attended by</source>
        <translation>被关注</translation>
    </message>
    <message>
        <source>Attention of the selected token (CLS if none): its row, or its column</source>
        <translation>所选词元（未选时为 CLS）的注意力：其行或其列</translation>
    </message>
    <message>
        <source> (queries)</source>
        <translation>（查询）</translation>
    </message>
    <message>
        <source>This plugin returns no attn.* captures</source>
        <translation>此插件不返回 attn.* 捕获</translation>
    </message>
    <message>
        <source>This plugin returns no xattn.* captures</source>
        <translation>此插件不返回 xattn.* 捕获</translation>
    </message>
    <message>
        <source>Attention rollout over every attention stage (filed at the last)</source>
        <translation>对所有注意力阶段做注意力展开（记在最后一个阶段）</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>第 %1 个头</translation>
    </message>
    <message>
        <source>The stage whose map the central view shows (Page Up / Page Down step through them)</source>
        <translation>中央视图显示其热力图的阶段（Page Up / Page Down 逐阶段切换）</translation>
    </message>
    <message>
        <source>What the map shows at each token (Ctrl+1 to Ctrl+8)</source>
        <translation>热力图在每个词元上显示的内容（Ctrl+1 至 Ctrl+8）</translation>
    </message>
    <message>
        <source>Colour map of the maps and their colour bars (Ctrl+M: the next one)</source>
        <translation>热力图及其色标所用的配色（Ctrl+M：下一个）</translation>
    </message>
    <message>
        <source>The attention head the map shows, or the mean over heads</source>
        <translation>热力图显示的注意力头，或各头平均</translation>
    </message>
</context>
<context>
    <name>filterscope::SessionActions</name>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Filterscope sessions (*.fsession *.json)</source>
        <translation>Filterscope 会话 (*.fsession *.json)</translation>
    </message>
    <message>
        <source>Reopen saved plugins, inputs, selections and layout</source>
        <translation>重新打开已保存的插件、输入、选择和布局</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Filterscope sessions (*.fsession)</source>
        <translation>Filterscope 会话 (*.fsession)</translation>
    </message>
    <message>
        <source>Saving the session (hashing plugin and input files)…</source>
        <translation>正在保存会话（计算插件和输入文件的哈希）…</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>Save plugins (with file hashes), inputs, selections and layout to a JSON file</source>
        <translation>将插件（含文件哈希）、输入、选择和布局保存为 JSON 文件</translation>
    </message>
    <message>
        <source>%1: the session was not saved (cancelled)</source>
        <translation>%1：会话未保存（已取消）</translation>
    </message>
    <message numerus="yes">
        <source>%1: the session was opened, but %n file(s) differ from when it was saved, so its numbers may differ: %2</source>
        <translation>
            <numerusform>%1：会话已打开，但有 %n 个文件与保存时不同，因此数值可能不同：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Filterscope did not close normally last time. Its autosaved session (%1) can be restored.</source>
        <translation>Filterscope 上次未正常关闭。可以恢复其自动保存的会话（%1）。</translation>
    </message>
    <message>
        <source>Restore Session</source>
        <translation>恢复会话</translation>
    </message>
</context>
<context>
    <name>filterscope::SimilarityMatrixView</name>
    <message>
        <source>query %1 × query %2: r = %3</source>
        <translation>查询 %1 × 查询 %2：r = %3</translation>
    </message>
    <message>
        <source>Pearson r of query maps (groups first)</source>
        <translation>查询热力图之间的 Pearson r（分组在前）</translation>
    </message>
</context>
<context>
    <name>filterscope::StageStripView</name>
    <message>
        <source>No stages: this input failed (the main view says why)</source>
        <translation>无阶段：此输入失败（主视图中说明原因）</translation>
    </message>
    <message>
        <source>Stages appear here once a plugin has run on an image</source>
        <translation>插件在图像上运行后，阶段会显示在这里</translation>
    </message>
    <message>
        <source>no %1 map</source>
        <translation>无 %1 热力图</translation>
    </message>
    <message>
        <source>%1 maps belong to the query stages: see the central view and the Queries dock</source>
        <translation>%1 热力图属于查询阶段：见中央视图和“查询”停靠窗</translation>
    </message>
    <message>
        <source>No %1 map for these stages</source>
        <translation>这些阶段没有 %1 热力图</translation>
    </message>
    <message>
        <source>%1 (%2): %3 to %4; click to show it</source>
        <translation>%1（%2）：%3 至 %4；点击显示</translation>
    </message>
</context>
<context>
    <name>filterscope::TimelinePanel</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play through the sampled frames (4 per second)</source>
        <translation>播放采样帧（每秒 4 帧）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>sampled frame %1 of 0–%2, file frame %3, token time %4</source>
        <translation>采样帧 %1（共 0–%2），文件帧 %3，词元时间 %4</translation>
    </message>
    <message>
        <source>image input: no time axis</source>
        <translation>图像输入：无时间轴</translation>
    </message>
    <message>
        <source>Per-frame token norm: video inputs only</source>
        <translation>逐帧词元范数：仅限视频输入</translation>
    </message>
    <message>
        <source>mean norm</source>
        <translation>平均范数</translation>
    </message>
    <message>
        <source>max norm</source>
        <translation>最大范数</translation>
    </message>
    <message>
        <source>current frame</source>
        <translation>当前帧</translation>
    </message>
    <message>
        <source>Token norm per sampled frame, %1</source>
        <translation>各采样帧的词元范数，%1</translation>
    </message>
    <message>
        <source>The sampled frame the views show</source>
        <translation>各视图显示的采样帧</translation>
    </message>
    <message>
        <source>point-cloud input: no time axis</source>
        <translation>点云输入：无时间轴</translation>
    </message>
    <message>
        <source>a clip of one sampled frame: no time axis</source>
        <translation>只采样了一帧的视频：无时间轴</translation>
    </message>
</context>
<context>
    <name>filterscope::TokenOutlierChart</name>
    <message>
        <source>Click a grid token to select it in every view</source>
        <translation>点击一个网格词元，在所有视图中选中它</translation>
    </message>
    <message>
        <source>Token outliers: no token statistics at this stage</source>
        <translation>离群词元：此阶段没有词元统计</translation>
    </message>
    <message>
        <source>Token outliers: no result yet</source>
        <translation>离群词元：尚无结果</translation>
    </message>
    <message>
        <source>prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>outliers</source>
        <translation>离群</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>token (sequence index)</source>
        <translation>词元（序列索引）</translation>
    </message>
    <message>
        <source>%1: %2 outliers, %3 sinks, max |x| %4× median</source>
        <translation>%1：%2 个离群词元，%3 个汇聚词元，最大 |x| 为中位数的 %4 倍</translation>
    </message>
    <message>
        <source>Outliers: norm &gt; median %1 + %2·1.4826·MAD %3 = %4
Largest |x|: %5 at token %6, channel %7; median |x| %8
Sink dimensions %9 (φ ≥ 20 marks a sink)
Click a grid token to select it</source>
        <translation>离群：范数 &gt; 中位数 %1 + %2·1.4826·MAD %3 = %4
最大 |x|：%5，位于词元 %6、通道 %7；|x| 中位数 %8
汇聚维度 %9（φ ≥ 20 即为汇聚词元）
点击一个网格词元以选中它</translation>
    </message>
</context>
<context>
    <name>filterscope::VariantMenu</name>
    <message>
        <source>Va&amp;riants</source>
        <translation>变体(&amp;R)</translation>
    </message>
    <message>
        <source>(the plugin declares no LLM-layer variants)</source>
        <translation>（此插件未声明 LLM 层变体）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Compare With</source>
        <translation>对比</translation>
    </message>
</context>
<context>
    <name>filterscope::ViewActions</name>
    <message>
        <source>&amp;Next Stage</source>
        <translation>下一阶段(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Stage</source>
        <translation>上一阶段(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;Colormap</source>
        <translation>下一配色(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Shared Scale Across Stages</source>
        <translation>各阶段共用色标(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Co&amp;mpare Mode</source>
        <translation>对比模式(&amp;M)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Cancel Run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <source>Keep Attention in &amp;Float16</source>
        <translation>以 Float16 保存注意力(&amp;F)</translation>
    </message>
    <message>
        <source>New results keep attn.* captures in float16: half the memory, ~3 significant digits</source>
        <translation>新结果以 float16 保存 attn.* 捕获：内存减半，约 3 位有效数字</translation>
    </message>
    <message>
        <source>Result Cache &amp;Budget…</source>
        <translation>结果缓存上限(&amp;B)…</translation>
    </message>
    <message>
        <source>Result cache budget</source>
        <translation>结果缓存上限</translation>
    </message>
    <message>
        <source>Memory for cached results, in MB (least recently used results are dropped first):</source>
        <translation>用于缓存结果的内存（MB；最久未用的结果最先释放）：</translation>
    </message>
    <message>
        <source>Larger 3D Points</source>
        <translation>增大 3D 点</translation>
    </message>
    <message>
        <source>Ctrl+]</source>
        <translation>Ctrl+]</translation>
    </message>
    <message>
        <source>Smaller 3D Points</source>
        <translation>减小 3D 点</translation>
    </message>
    <message>
        <source>Ctrl+[</source>
        <translation>Ctrl+[</translation>
    </message>
    <message>
        <source>Reset 3D Camera</source>
        <translation>重置 3D 相机</translation>
    </message>
</context>
<context>
    <name>filterscope::WorkbenchStatusLabel</name>
    <message>
        <source>no plugin</source>
        <translation>无插件</translation>
    </message>
    <message>
        <source> vs %1</source>
        <translation> 对比 %1</translation>
    </message>
    <message>
        <source> | ⚠ failed: %1</source>
        <translation> | ⚠ 失败：%1</translation>
    </message>
    <message>
        <source> | ⚠ 1 note, hover to read</source>
        <translation> | ⚠ 1 条提示，悬停查看</translation>
    </message>
    <message>
        <source> | ⚠ %1 notes, hover to read</source>
        <translation> | ⚠ %1 条提示，悬停查看</translation>
    </message>
    <message>
        <source> | %1, %2 | range %3 to %4 | forward %5 ms on %6</source>
        <translation> | %1，%2 | 范围 %3 至 %4 | 前向 %5 毫秒，设备 %6</translation>
    </message>
    <message>
        <source> | cache %1 of %2 MB</source>
        <translation> | 缓存 %1 / %2 MB</translation>
    </message>
    <message>
        <source> (%1 MB held by background work)</source>
        <translation>（后台任务占用 %1 MB）</translation>
    </message>
    <message>
        <source>%1: %2
model file SHA-256 %3
</source>
        <translation>%1：%2
模型文件 SHA-256 %3
</translation>
    </message>
</context>
</TS>
