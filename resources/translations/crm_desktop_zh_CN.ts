<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Show c&amp;ustomer</source>
        <translation>显示客户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>标记完成(&amp;M)</translation>
    </message>
    <message>
        <source>Complete the selected tasks (Ctrl+D)</source>
        <translation>完成所选任务 (Ctrl+D)</translation>
    </message>
    <message>
        <source>New &amp;task</source>
        <translation>新建任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Log activity</source>
        <translation>记录活动(&amp;L)</translation>
    </message>
    <message>
        <source>Log a call, meeting, email, visit or note (Ctrl+N)</source>
        <translation>记录电话、会议、邮件、拜访或备注 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>活动记录</translation>
    </message>
    <message>
        <source>Loading tasks due</source>
        <translation>正在加载到期任务</translation>
    </message>
    <message>
        <source>Due today and overdue: %1 (%2 overdue)</source>
        <translation>今天到期及已逾期：%1（逾期 %2）</translation>
    </message>
    <message>
        <source>Nothing due today. Well done!</source>
        <translation>今天没有到期任务，干得好！</translation>
    </message>
    <message>
        <source>Mark %1 task(s) done</source>
        <translation>将 %1 个任务标记为完成</translation>
    </message>
    <message>
        <source>Log activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>Select an activity or a task.</source>
        <translation>请选择一条活动或任务。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Counting tasks due</source>
        <translation>正在统计到期任务</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Tasks due today and overdue</source>
        <translation>今天到期及已逾期的任务</translation>
    </message>
    <message>
        <source>{0}  (overdue)</source>
        <translation>{0}（已逾期）</translation>
    </message>
    <message>
        <source>%1 due today</source>
        <translation>今天到期 %1 个</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>已逾期 %1 个</translation>
    </message>
    <message>
        <source>You have tasks waiting: %1.</source>
        <translation>您有待办任务：%1。</translation>
    </message>
    <message>
        <source>Task reminder</source>
        <translation>任务提醒</translation>
    </message>
    <message>
        <source>Tasks due</source>
        <translation>到期任务</translation>
    </message>
    <message>
        <source>Tasks and follow-ups</source>
        <translation>任务与跟进</translation>
    </message>
    <message>
        <source>&amp;Open activities</source>
        <translation>打开活动(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Log activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>编辑活动</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <source>Key figures (KPIs)</source>
        <translation>关键指标 (KPI)</translation>
    </message>
    <message>
        <source>RFM segments</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Behaviour segments (k-means or DBSCAN)</source>
        <translation>行为分群（k-means 或 DBSCAN）</translation>
    </message>
    <message>
        <source>Predict categories</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Purchase propensity</source>
        <translation>购买倾向</translation>
    </message>
    <message>
        <source>Win probability of open deals</source>
        <translation>进行中商机的赢单概率</translation>
    </message>
    <message>
        <source>Customer lifetime value</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>Rule-based scoring</source>
        <translation>规则评分</translation>
    </message>
    <message>
        <source>Campaign response</source>
        <translation>营销活动响应</translation>
    </message>
    <message>
        <source>Text themes (tickets or customer needs)</source>
        <translation>文本主题（工单或客户需求）</translation>
    </message>
    <message>
        <source>Sales forecast</source>
        <translation>销售预测</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>数据质量</translation>
    </message>
    <message>
        <source>What sells together</source>
        <translation>关联购买</translation>
    </message>
    <message>
        <source>Unusual buying</source>
        <translation>异常购买</translation>
    </message>
    <message>
        <source>Satisfaction prediction</source>
        <translation>满意度预测</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Apply to customers</source>
        <translation>应用到客户(&amp;A)</translation>
    </message>
    <message>
        <source>Store the scores and segments with the customers; predicted categories and rule categories also fill in the category of customers without one</source>
        <translation>将评分和分群保存到客户；预测类别和规则类别还会填入尚无类别的客户</translation>
    </message>
    <message>
        <source>Choose an analysis and press Run.</source>
        <translation>请选择一项分析并点击“运行”。</translation>
    </message>
    <message>
        <source>Analysis:</source>
        <translation>分析：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <source>The parameters of the chosen analysis</source>
        <translation>所选分析的参数</translation>
    </message>
    <message>
        <source>Edit rules…</source>
        <translation>编辑规则…</translation>
    </message>
    <message>
        <source>The rules and weights this analysis evaluates</source>
        <translation>该分析使用的规则和权重</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>The technical figures of the result, each with what it means</source>
        <translation>结果的技术数据，每项附有含义</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>No analysis run yet</source>
        <translation>尚未运行分析</translation>
    </message>
    <message>
        <source>Preparing the analyses</source>
        <translation>正在准备分析</translation>
    </message>
    <message>
        <source>Loading categories</source>
        <translation>正在加载类别</translation>
    </message>
    <message>
        <source>Rules saved: press Run to score the customers with them.</source>
        <translation>规则已保存：点击“运行”用这些规则为客户评分。</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>Analysis: %1</source>
        <translation>分析：%1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Could not run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>The analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1：%2 行</translation>
    </message>
    <message>
        <source>Nothing to draw</source>
        <translation>没有可绘制的内容</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Applying analysis results</source>
        <translation>正在应用分析结果</translation>
    </message>
    <message>
        <source>Stored %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>The selected entry in full</source>
        <translation>所选条目的完整内容</translation>
    </message>
    <message>
        <source>Select an entry to see its values in full.</source>
        <translation>选择一个条目以查看其完整的值。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Kind of record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>所有记录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>所有用户</translation>
    </message>
    <message>
        <source>From day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To day</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Search values…</source>
        <translation>搜索值…</translation>
    </message>
    <message>
        <source>Search in fields, values and users</source>
        <translation>在字段、值和用户中搜索</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>审计条目</translation>
    </message>
    <message>
        <source>Change my name…</source>
        <translation>更改我的名字…</translation>
    </message>
    <message>
        <source>The name new changes are recorded under</source>
        <translation>记录新更改时使用的名字</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the entries shown (all pages) as CSV</source>
        <translation>将显示的条目（所有页）保存为 CSV</translation>
    </message>
    <message>
        <source>Loading the audit log</source>
        <translation>正在加载审计日志</translation>
    </message>
    <message>
        <source>New changes are recorded as {0} on {1}.</source>
        <translation>新的更改将以 {0} 的名义记录（计算机：{1}）。</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} · {1} on {2} · {3} {4} · {5}</source>
        <translation>{0} · {1}（计算机 {2}）· {3} {4} · {5}</translation>
    </message>
    <message>
        <source>Field: {0}</source>
        <translation>字段：{0}</translation>
    </message>
    <message>
        <source>Old value: {0}</source>
        <translation>旧值：{0}</translation>
    </message>
    <message>
        <source>New value: {0}</source>
        <translation>新值：{0}</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries</source>
        <translation>
            <numerusform>已导出 %n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the audit log</source>
        <translation>正在导出审计日志</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Changes you make are recorded in the audit log under this name:</source>
        <translation>你所做的更改以此名字记录在审计日志中：</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Email or phone</source>
        <translation>电子邮件或电话</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation>阶段变更</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Quote line</source>
        <translation>报价单行</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Campaign member</source>
        <translation>营销活动成员</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Ticket message</source>
        <translation>工单消息</translation>
    </message>
    <message>
        <source>Survey response</source>
        <translation>调查回复</translation>
    </message>
    <message>
        <source>Sales target</source>
        <translation>销售目标</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>moved to trash</source>
        <translation>已移入回收站</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>deleted for good</source>
        <translation>已永久删除</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>merge undone</source>
        <translation>已撤销合并</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>{0}: {1} → {2}</source>
        <translation>{0}：{1} → {2}</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>This database is not a file and cannot be backed up.</source>
        <translation>此数据库不是文件，无法备份。</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Databases (*.db);;All files (*)</source>
        <translation>数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The database was backed up to {0}.</source>
        <translation>数据库已备份到 {0}。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the current database with this backup ({0} customers, schema {1})?
A safety copy of the current database is kept in the backups folder.</source>
        <translation>用此备份（{0} 个客户，架构版本 {1}）替换当前数据库吗？
当前数据库的安全副本会保存在备份文件夹中。</translation>
    </message>
    <message>
        <source>The backup was restored. The previous database is kept in {0}.</source>
        <translation>备份已恢复。原数据库保存在 {0}。</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>When the app starts</source>
        <translation>应用启动时</translation>
    </message>
    <message>
        <source>When the app closes</source>
        <translation>应用关闭时</translation>
    </message>
    <message>
        <source>When it starts and when it closes</source>
        <translation>启动和关闭时</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Automatic backup:</source>
        <translation>自动备份：</translation>
    </message>
    <message>
        <source>Keep the newest:</source>
        <translation>保留最新：</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Automatic backups (newest first):</source>
        <translation>自动备份（最新的在前）：</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New campaign</source>
        <translation>新建营销活动</translation>
    </message>
    <message>
        <source>Edit campaign</source>
        <translation>编辑营销活动</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>实际成本</translation>
    </message>
    <message>
        <source>Expected revenue</source>
        <translation>预期收入</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Target (saved filter)</source>
        <translation>目标（已保存的筛选）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>CampaignEffect</name>
    <message>
        <source>Responded</source>
        <translation>已响应</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>已购买</translation>
    </message>
    <message>
        <source>{0}: {1:.1%} of the {2:,} contacted against {3:.1%} of the {4:,} held out ({5} points).</source>
        <translation>{0}：已联系的 {2:,} 人中有 {1:.1%}，而保留组的 {4:,} 人中有 {3:.1%}（相差 {5} 个百分点）。</translation>
    </message>
    <message>
        <source>We are {0:.0%} sure the campaign changed this by between {1} and {2} points.</source>
        <translation>我们有 {0:.0%} 的把握认为该营销活动使这一比例变化了 {1} 到 {2} 个百分点。</translation>
    </message>
    <message>
        <source>The campaign worked: this is unlikely to be chance (p = {0:.3f}).</source>
        <translation>营销活动有效：这不太可能是偶然（p = {0:.3f}）。</translation>
    </message>
    <message>
        <source>Those contacted did worse: this is unlikely to be chance (p = {0:.3f}).</source>
        <translation>被联系的客户表现更差：这不太可能是偶然（p = {0:.3f}）。</translation>
    </message>
    <message>
        <source>No proven effect: a difference this size could be chance (p = {0:.2f}).</source>
        <translation>未证实有效果：这么大的差异可能是偶然（p = {0:.2f}）。</translation>
    </message>
    <message>
        <source>No control group: nobody was held out of this campaign, so its effect cannot be measured. Next time, hold out a share (e.g. 10%) when adding members.</source>
        <translation>没有对照组：此营销活动没有保留任何客户，因此无法衡量其效果。下次添加成员时请保留一部分（例如 10%）。</translation>
    </message>
    <message>
        <source>By customer segment (chi-square): the response differs between segments (p = {0:.3f}).</source>
        <translation>按客户分群（卡方检验）：各分群的响应有差异（p = {0:.3f}）。</translation>
    </message>
    <message>
        <source>By customer segment (chi-square): no clear difference between segments (p = {0:.2f}).</source>
        <translation>按客户分群（卡方检验）：各分群之间没有明显差异（p = {0:.2f}）。</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Held out</source>
        <translation>保留组</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已响应</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>实际成本</translation>
    </message>
    <message>
        <source>Expected revenue</source>
        <translation>预期收入</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>(no saved filter)</source>
        <translation>（无已保存的筛选）</translation>
    </message>
    <message>
        <source>Campaign detail</source>
        <translation>营销活动详情</translation>
    </message>
    <message>
        <source>&amp;Edit plan</source>
        <translation>编辑计划(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Add members from target</source>
        <translation>从目标添加成员(&amp;A)</translation>
    </message>
    <message>
        <source>Target every customer matching the campaign&apos;s saved filter (customers already targeted are kept)</source>
        <translation>将符合该营销活动已保存筛选的所有客户设为目标（已是目标的客户保留）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Hold out</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>A control group: this share of the new members, drawn at random, is not sent to, so the campaign&apos;s effect can be measured against them (10% is usual).</source>
        <translation>对照组：新成员中随机抽取的这一比例不发送，以便与之对比衡量营销活动的效果（通常为 10%）。</translation>
    </message>
    <message>
        <source>Measure e&amp;ffect</source>
        <translation>衡量效果(&amp;F)</translation>
    </message>
    <message>
        <source>Compare the members contacted with those held out</source>
        <translation>比较已联系的成员与保留的成员</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Hold out:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <source>Step to record</source>
        <translation>要记录的步骤</translation>
    </message>
    <message>
        <source>Response (optional)</source>
        <translation>响应（可选）</translation>
    </message>
    <message>
        <source>&amp;Record for selected</source>
        <translation>为所选记录(&amp;R)</translation>
    </message>
    <message>
        <source>Members reached:</source>
        <translation>已触达成员：</translation>
    </message>
    <message>
        <source>Select a campaign.</source>
        <translation>请选择一个营销活动。</translation>
    </message>
    <message>
        <source>&amp;New campaign</source>
        <translation>新建营销活动(&amp;N)</translation>
    </message>
    <message>
        <source>Plan a campaign (Ctrl+N)</source>
        <translation>策划营销活动 (Ctrl+N)</translation>
    </message>
    <message>
        <source>From a &amp;suggestion</source>
        <translation>根据建议(&amp;S)</translation>
    </message>
    <message>
        <source>Plan a campaign at the customers to whom a product is suggested (&apos;What sells together&apos; analysis, applied)</source>
        <translation>向建议了某产品的客户策划营销活动（“哪些产品一起卖”分析，已应用）</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>新建营销活动</translation>
    </message>
    <message>
        <source>Edit campaign</source>
        <translation>编辑营销活动</translation>
    </message>
    <message>
        <source>Campaign status</source>
        <translation>营销活动状态</translation>
    </message>
    <message>
        <source>Add campaign members</source>
        <translation>添加营销活动成员</translation>
    </message>
    <message>
        <source>Adding members</source>
        <translation>正在添加成员</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n customer(s))</source>
        <translation>
            <numerusform>%1（%n 位客户）</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestions yet: run &apos;What sells together&apos; on the Analytics page and apply it</source>
        <translation>暂无建议：请在“分析”页运行“哪些产品一起卖”并应用</translation>
    </message>
    <message>
        <source>Campaign for %1</source>
        <translation>%1 的营销活动</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在衡量…</translation>
    </message>
    <message>
        <source>Measuring the campaign&apos;s effect</source>
        <translation>正在衡量营销活动的效果</translation>
    </message>
    <message>
        <source>Select the members first.</source>
        <translation>请先选择成员。</translation>
    </message>
    <message>
        <source>Record %1 for %2 member(s)</source>
        <translation>为 %2 个成员记录“%1”</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Show the whole chart again (the mouse wheel zooms)</source>
        <translation>重新显示整个图表（鼠标滚轮缩放）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the chart as a picture (PNG, SVG or PDF)</source>
        <translation>将图表保存为图片（PNG、SVG 或 PDF）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard</source>
        <translation>将图表复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>CSV (any encoding and delimiter), Excel (.xlsx) or vCard.</source>
        <translation>CSV（任意编码和分隔符）、Excel (.xlsx) 或 vCard。</translation>
    </message>
    <message>
        <source>customers.csv</source>
        <translation>customers.csv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>互动记录</translation>
    </message>
    <message>
        <source>CSV and vCard files: the text encoding is detected; choose one if the names in the preview look wrong. Lines that do not read in it are listed as invalid rows.</source>
        <translation>CSV 和 vCard 文件：文本编码会自动检测；如果预览中的名称显示不对，请选择一种编码。无法按该编码读取的行会列为无效行。</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Import as:</source>
        <translation>导入为：</translation>
    </message>
    <message>
        <source>Phone numbers without a country code are in:</source>
        <translation>不带国家代码的电话号码属于：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>GB18030 / GBK (Simplified Chinese)</source>
        <translation>GB18030 / GBK（简体中文）</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <source>Shift-JIS (Japanese)</source>
        <translation>Shift-JIS（日文）</translation>
    </message>
    <message>
        <source>Windows-1252 (Western)</source>
        <translation>Windows-1252（西欧）</translation>
    </message>
    <message>
        <source>ISO-8859-1 (Latin-1)</source>
        <translation>ISO-8859-1（Latin-1）</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Tables and contacts (*.csv *.tsv *.txt *.xlsx *.vcf);;All files (*)</source>
        <translation>表格和联系人 (*.csv *.tsv *.txt *.xlsx *.vcf);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CloseReasonDialog</name>
    <message>
        <source>Best value</source>
        <translation>最划算</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>客户关系</translation>
    </message>
    <message>
        <source>Product fit</source>
        <translation>产品契合</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Chose a competitor</source>
        <translation>选择了竞争对手</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>没有预算</translation>
    </message>
    <message>
        <source>No decision</source>
        <translation>未做决定</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>时机</translation>
    </message>
    <message>
        <source>Won: %1</source>
        <translation>赢单：%1</translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <translation>丢单：%1</translation>
    </message>
    <message>
        <source>Why was it won?</source>
        <translation>为什么赢单？</translation>
    </message>
    <message>
        <source>Why was it lost?</source>
        <translation>为什么丢单？</translation>
    </message>
    <message>
        <source>say why the opportunity was %1</source>
        <translation>请说明商机%1的原因</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Company details for printing</source>
        <translation>用于打印的公司信息</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Printed under the totals, e.g. payment within 30 days</source>
        <translation>打印在合计下方，例如：30 天内付款</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>默认货币</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>徽标</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>选择徽标</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.bmp)</translation>
    </message>
    <message>
        <source>(no logo)</source>
        <translation>（无徽标）</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>New contract</source>
        <translation>新建合同</translation>
    </message>
    <message>
        <source>Edit contract</source>
        <translation>编辑合同</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>automatic when empty</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Renewal date</source>
        <translation>续约日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Renews automatically</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <source>Auto renew</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
</context>
<context>
    <name>CustomFieldsEditor</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>移除字段</translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message>
        <source>Customer detail</source>
        <translation>客户详情</translation>
    </message>
    <message>
        <source>Select a customer to see everything about them here.</source>
        <translation>选择一位客户，在此查看其全部信息。</translation>
    </message>
    <message>
        <source>Influence rank and community</source>
        <translation>影响力排名和社群</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Related people</source>
        <translation>相关人员</translation>
    </message>
    <message>
        <source>Every field of the customer</source>
        <translation>客户的所有字段</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Log call</source>
        <translation>记录电话</translation>
    </message>
    <message>
        <source>Record a phone call</source>
        <translation>记录一次电话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Record a meeting</source>
        <translation>记录一次会议</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Schedule a follow-up task</source>
        <translation>安排跟进任务</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Open a ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit this customer</source>
        <translation>编辑此客户</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <source>Record a relationship with another customer</source>
        <translation>记录与另一位客户的关系</translation>
    </message>
    <message>
        <source>Stay in touch every</source>
        <translation>保持联系间隔</translation>
    </message>
    <message>
        <source>Stay in touch every N days</source>
        <translation>每 N 天联系一次</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Loading customer</source>
        <translation>正在加载客户</translation>
    </message>
    <message>
        <source>No related people yet.</source>
        <translation>暂无相关人员。</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>in the trash</source>
        <translation>在回收站中</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <source>Category: {0}</source>
        <translation>类别：{0}</translation>
    </message>
    <message>
        <source>Next follow-up: {0}</source>
        <translation>下次跟进：{0}</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Paid to date: %1</source>
        <translation>累计已付：%1</translation>
    </message>
    <message>
        <source>Value, churn risk, segments and scores appear here once analyses have run and been applied (Analytics page).</source>
        <translation>运行并应用分析（分析页面）后，价值、流失风险、分群和评分会显示在这里。</translation>
    </message>
    <message>
        <source>Value: {0}</source>
        <translation>价值：{0}</translation>
    </message>
    <message>
        <source>Churn risk: {0}</source>
        <translation>流失风险：{0}</translation>
    </message>
    <message>
        <source>Purchase propensity: {0}</source>
        <translation>购买倾向：{0}</translation>
    </message>
    <message>
        <source>RFM: {0}</source>
        <translation>RFM：{0}</translation>
    </message>
    <message>
        <source>Segment: {0}</source>
        <translation>分群：{0}</translation>
    </message>
    <message>
        <source>Value score: {0:.0f}</source>
        <translation>价值评分：{0:.0f}</translation>
    </message>
    <message>
        <source>Predicted category: {0}</source>
        <translation>预测类别：{0}</translation>
    </message>
    <message>
        <source>Rule score: {0}</source>
        <translation>规则评分：{0}</translation>
    </message>
    <message>
        <source>Influence: {0:.2f}</source>
        <translation>影响力：{0:.2f}</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Nothing yet: log a call or a meeting.</source>
        <translation>暂无记录：记录一次电话或会议吧。</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>Company name (created when new)</source>
        <translation>公司名称（不存在时自动创建）</translation>
    </message>
    <message>
        <source>Role at the company</source>
        <translation>在公司中的角色</translation>
    </message>
    <message>
        <source>decision maker, buyer</source>
        <translation>决策者、采购</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>name@example.com, comma-separated</source>
        <translation>name@example.com，用逗号分隔</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>+1 415 555 0100 (without + read in {0})</source>
        <translation>+86 138 0013 8000（不带 + 时按 {0} 解析）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>State, province</source>
        <translation>州、省</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>vip, wholesale</source>
        <translation>VIP, 批发</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评级</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Stay in touch every</source>
        <translation>保持联系间隔</translation>
    </message>
    <message>
        <source>Creates the next follow-up task after each contact</source>
        <translation>每次联系后自动创建下一个跟进任务</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Type a name, email, phone or city…</source>
        <translation>输入姓名、邮箱、电话或城市…</translation>
    </message>
</context>
<context>
    <name>CustomerProfile</name>
    <message>
        <source>Emails</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Role at the company</source>
        <translation>公司职位</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>省/地区</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Nothing more is recorded about this customer yet.</source>
        <translation>暂未记录该客户的更多信息。</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Create a customer (Ctrl+N)</source>
        <translation>新建客户 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move the selected customers to the trash (Delete; Ctrl+Z undoes)</source>
        <translation>将所选客户移到回收站（Delete；Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Show deleted customers to restore them</source>
        <translation>显示已删除的客户以便恢复</translation>
    </message>
</context>
<context>
    <name>DamagedDatabase</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The database {0} is damaged: part of the file can no longer be read correctly (a failing disk, or the computer stopped while writing).</source>
        <translation>数据库 {0} 已损坏：文件的一部分已无法正确读取（磁盘故障，或写入时计算机停止运行）。</translation>
    </message>
    <message>
        <source>The newest good backup is {0}, from {1}. Restoring it replaces the damaged file (a copy of the damaged file is kept in the backups folder); changes made after that backup are lost.</source>
        <translation>最新的完好备份是 {0}，来自 {1}。恢复它会替换已损坏的文件（损坏文件的副本保留在备份文件夹中）；该备份之后所做的更改将丢失。</translation>
    </message>
    <message>
        <source>There is no good backup of it. You can open it read-only and export what can still be read.</source>
        <translation>它没有完好的备份。你可以以只读方式打开它，并导出仍能读取的内容。</translation>
    </message>
    <message>
        <source>Restore newest good backup</source>
        <translation>恢复最新的完好备份</translation>
    </message>
    <message>
        <source>Open anyway read-only</source>
        <translation>仍以只读方式打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>{0} was restored from {1}.</source>
        <translation>已从 {1} 恢复 {0}。</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>正在恢复备份</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>No orders yet</source>
        <translation>暂无订单</translation>
    </message>
    <message>
        <source>No open deals</source>
        <translation>没有进行中的商机</translation>
    </message>
    <message>
        <source>%1: %2 in %3 deals</source>
        <translation>%1：%3 个商机共 %2</translation>
    </message>
    <message>
        <source>RFM grid (customers)</source>
        <translation>RFM 网格（客户数）</translation>
    </message>
    <message>
        <source>Recency %1, frequency + monetary %2: %3 customers</source>
        <translation>近度 %1，频度 + 金额 %2：%3 个客户</translation>
    </message>
    <message>
        <source>Frequency + monetary score</source>
        <translation>频度 + 金额评分</translation>
    </message>
    <message>
        <source>Recency score</source>
        <translation>近度评分</translation>
    </message>
    <message>
        <source>Customer segments</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <source>Customer segments (%1 of %2 shown)</source>
        <translation>客户分群（显示 %1 / %2）</translation>
    </message>
    <message>
        <source>%1: PC1 %2, PC2 %3</source>
        <translation>%1：PC1 %2，PC2 %3</translation>
    </message>
    <message>
        <source>%1: %2 days since the last order, %3 spent</source>
        <translation>%1：距上次下单 %2 天，消费 %3</translation>
    </message>
    <message>
        <source>First principal component</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <source>Second principal component</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <source>Days since the last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>总消费</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Working out who may stop buying…</source>
        <translation>正在计算哪些客户可能停止购买…</translation>
    </message>
    <message>
        <source>Working out what customers are worth…</source>
        <translation>正在计算客户的价值…</translation>
    </message>
    <message>
        <source>Working out who influences whom…</source>
        <translation>正在计算谁影响谁…</translation>
    </message>
    <message>
        <source>Not enough data yet:
%1</source>
        <translation>数据尚不足：
%1</translation>
    </message>
    <message>
        <source>Churn probability</source>
        <translation>流失概率</translation>
    </message>
    <message>
        <source>Revenue per month (%1)</source>
        <translation>月度收入（%1）</translation>
    </message>
    <message>
        <source>Open pipeline by stage (%1)</source>
        <translation>各阶段进行中的商机（%1）</translation>
    </message>
    <message>
        <source>Customer lifetime value</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>%1: %2 customers</source>
        <translation>%1：%2 个客户</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Campaign ROI</source>
        <translation>营销活动投资回报率</translation>
    </message>
    <message>
        <source>No campaigns with costs</source>
        <translation>没有含成本的营销活动</translation>
    </message>
    <message>
        <source>%1: ROI %2</source>
        <translation>%1：投资回报率 %2</translation>
    </message>
    <message>
        <source>Ticket themes</source>
        <translation>工单主题</translation>
    </message>
    <message>
        <source>No tickets</source>
        <translation>没有工单</translation>
    </message>
    <message>
        <source>%1: %2 tickets</source>
        <translation>%1：%2 个工单</translation>
    </message>
    <message>
        <source>Top influencers</source>
        <translation>影响力最高的客户</translation>
    </message>
    <message>
        <source>%1: influence %2</source>
        <translation>%1：影响力 %2</translation>
    </message>
    <message>
        <source>Revenue (last month)</source>
        <translation>收入（上月）</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>平均订单额</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>满意度 (CSAT)</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>净推荐值 (NPS)</translation>
    </message>
    <message>
        <source>Churn rate</source>
        <translation>流失率</translation>
    </message>
    <message>
        <source>Sales target</source>
        <translation>销售目标</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>导出数据 (CSV)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Loading the dashboard</source>
        <translation>正在加载仪表板</translation>
    </message>
    <message>
        <source>Measuring the sales target</source>
        <translation>正在衡量销售目标</translation>
    </message>
    <message>
        <source>none set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Set sales targets on the Targets &amp; reports page.</source>
        <translation>请在“目标与报表”页设置销售目标。</translation>
    </message>
    <message>
        <source>%1 of %2
pipeline %3</source>
        <translation>%1 / 目标 %2
销售管道 %3</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>The dashboard could not be loaded</source>
        <translation>无法加载仪表板</translation>
    </message>
    <message>
        <source>Filling the dashboard&apos;s charts</source>
        <translation>正在填充仪表板图表</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>%1 active</source>
        <translation>%1 个活跃</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2：%1</translation>
    </message>
    <message>
        <source>last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>ratings 4–5</source>
        <translation>评分 4–5</translation>
    </message>
    <message>
        <source>last %1 days</source>
        <translation>最近 %1 天</translation>
    </message>
    <message>
        <source>Loyal customers bring %1 of the revenue (Settings: loyal-customer rule)</source>
        <translation>忠实客户贡献了 %1 的收入（设置：忠实客户规则）</translation>
    </message>
    <message>
        <source>Export dashboard data</source>
        <translation>导出仪表板数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 rows</source>
        <translation>已导出 %1 行</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>Clear date</source>
        <translation>清除日期</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Duplicate customers</source>
        <translation>重复客户</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>At least this alike:</source>
        <translation>相似度至少：</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Probably the same as</source>
        <translation>可能相同的客户</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Undo last merge</source>
        <translation>撤销上次合并</translation>
    </message>
    <message>
        <source>Comparing customers…</source>
        <translation>正在比较客户…</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) found.</source>
        <translation>
            <numerusform>找到 %n 对。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>互动记录</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Campaign members</source>
        <translation>营销活动成员</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Survey responses</source>
        <translation>调查回复</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message numerus="yes">
        <source>Only the rows the list shows (%n filter(s) applied).</source>
        <translation>
            <numerusform>仅列表中显示的行（已应用 %n 个筛选）。</numerusform>
        </translation>
    </message>
    <message>
        <source>All rows (no filter applied).</source>
        <translation>全部行（未应用筛选）。</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>列表：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>CSV (comma-separated, UTF-8)</source>
        <translation>CSV（逗号分隔，UTF-8）</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>vCard contacts (.vcf)</source>
        <translation>vCard 联系人 (.vcf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>vCard 文件 (*.vcf)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>This database is encrypted, but the export file will not be: anyone who can read the file can read these records. Write it anyway?</source>
        <translation>此数据库已加密，但导出的文件不会加密：任何能读取该文件的人都能读取这些记录。仍要写入吗？</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {0}.</source>
        <translation>
            <numerusform>已将 %n 行写入 {0}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter text</source>
        <translation>筛选文本</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>{0}: all</source>
        <translation>{0}：全部</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>已保存的筛选</translation>
    </message>
    <message>
        <source>Save filter…</source>
        <translation>保存筛选…</translation>
    </message>
    <message>
        <source>Save the current filter under a name</source>
        <translation>以一个名称保存当前筛选</translation>
    </message>
    <message>
        <source>Delete saved filter</source>
        <translation>删除已保存的筛选</translation>
    </message>
    <message>
        <source>Delete the selected saved filter</source>
        <translation>删除所选的已保存筛选</translation>
    </message>
    <message>
        <source>Saved filters…</source>
        <translation>已保存的筛选…</translation>
    </message>
    <message>
        <source>Loading saved filters</source>
        <translation>正在加载已保存的筛选</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Name of the saved filter:</source>
        <translation>筛选名称：</translation>
    </message>
    <message>
        <source>Save filter {0}</source>
        <translation>保存筛选 {0}</translation>
    </message>
    <message>
        <source>Delete saved filter {0}</source>
        <translation>删除已保存的筛选 {0}</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <source>Search customers, opportunities and tickets</source>
        <translation>搜索客户、商机和工单</translation>
    </message>
    <message>
        <source>Search customers, opportunities, tickets…  Ctrl+K</source>
        <translation>搜索客户、商机、工单…  Ctrl+K</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>正在搜索</translation>
    </message>
    <message>
        <source>No matches for “{0}”</source>
        <translation>没有与“{0}”匹配的结果</translation>
    </message>
</context>
<context>
    <name>GraphControls</name>
    <message>
        <source>Find a customer in the graph</source>
        <translation>在关系图中查找客户</translation>
    </message>
    <message>
        <source>Find a customer…</source>
        <translation>查找客户…</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the graph</source>
        <translation>让关系图适应窗口</translation>
    </message>
    <message>
        <source>Show the whole graph (0 or double click on the background)</source>
        <translation>显示整个关系图（按 0 或双击背景）</translation>
    </message>
    <message>
        <source>Ego network</source>
        <translation>个人关系网</translation>
    </message>
    <message>
        <source>Show only the found customer and the people around them</source>
        <translation>只显示找到的客户及其周围的人</translation>
    </message>
    <message>
        <source>Ego network depth</source>
        <translation>个人关系网深度</translation>
    </message>
    <message>
        <source>How many steps away from the customer</source>
        <translation>距该客户的步数</translation>
    </message>
    <message>
        <source>depth </source>
        <translation>深度 </translation>
    </message>
    <message>
        <source>Introduce from</source>
        <translation>引荐起点</translation>
    </message>
    <message>
        <source>Introduce from…</source>
        <translation>引荐起点…</translation>
    </message>
    <message>
        <source>You, or the contact who makes the first introduction</source>
        <translation>您自己，或负责首次引荐的联系人</translation>
    </message>
    <message>
        <source>Introduce to</source>
        <translation>引荐对象</translation>
    </message>
    <message>
        <source>…to</source>
        <translation>…至</translation>
    </message>
    <message>
        <source>The customer you want to meet</source>
        <translation>您想结识的客户</translation>
    </message>
    <message>
        <source>Introduce me</source>
        <translation>引荐路径</translation>
    </message>
    <message>
        <source>Highlight the strongest chain of introductions between the two customers</source>
        <translation>突出显示两位客户之间最强的引荐链</translation>
    </message>
    <message>
        <source>Export the graph</source>
        <translation>导出关系图</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>图片 (PNG)…</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>矢量图 (SVG)…</translation>
    </message>
    <message>
        <source>Graph for Gephi/yEd (GraphML)…</source>
        <translation>用于 Gephi/yEd 的图 (GraphML)…</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Compute the network metrics and the layout again</source>
        <translation>重新计算网络指标和布局</translation>
    </message>
    <message>
        <source>Relationship kind</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Minimum strength</source>
        <translation>最低强度</translation>
    </message>
    <message>
        <source>Hide relationships weaker than this</source>
        <translation>隐藏弱于此值的关系</translation>
    </message>
    <message>
        <source>strength ≥ </source>
        <translation>强度 ≥ </translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社群</translation>
    </message>
    <message>
        <source>Unconnected</source>
        <translation>无关联</translation>
    </message>
    <message>
        <source>Show customers without relationships</source>
        <translation>显示没有关系的客户</translation>
    </message>
    <message>
        <source>Inferred links</source>
        <translation>推断的关系</translation>
    </message>
    <message>
        <source>Include inferred links</source>
        <translation>包含推断的关联</translation>
    </message>
    <message>
        <source>Also link people of the same company and customers who responded to the same campaign. Inferred links are dashed and paler, never replace a recorded relationship, and are not saved as relationships. Influence and communities shown here then count them; the customer detail keeps using recorded ones.</source>
        <translation>同时关联同一公司的人员以及响应同一营销活动的客户。推断的关联以较浅的虚线显示，不会替代已记录的关系，也不会保存为关系。此处显示的影响力和社群会计入这些关联；客户详情仍只使用已记录的关系。</translation>
    </message>
    <message>
        <source>Legend of inferred links</source>
        <translation>推断关联的图例</translation>
    </message>
    <message>
        <source>Solid: recorded relationship · dashed: inferred link</source>
        <translation>实线：已记录的关系 · 虚线：推断的关联</translation>
    </message>
    <message>
        <source>inferred</source>
        <translation>推断</translation>
    </message>
    <message>
        <source>Graph summary</source>
        <translation>关系图摘要</translation>
    </message>
    <message>
        <source>Click: open · double-click: expand · drag with the right button (or Shift+drag) to another customer: link them · wheel: zoom</source>
        <translation>单击：打开 · 双击：展开 · 用右键（或 Shift+拖动）拖到另一位客户：建立关联 · 滚轮：缩放</translation>
    </message>
    <message>
        <source>Mouse help</source>
        <translation>鼠标操作说明</translation>
    </message>
    <message>
        <source>Graph computation progress</source>
        <translation>关系图计算进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the computation</source>
        <translation>取消计算</translation>
    </message>
    <message>
        <source>same company</source>
        <translation>同一公司</translation>
    </message>
    <message>
        <source>same campaign response</source>
        <translation>响应同一营销活动</translation>
    </message>
    <message>
        <source>inferred: {0}</source>
        <translation>推断：{0}</translation>
    </message>
    <message>
        <source>strength {0:.2f}</source>
        <translation>强度 {0:.2f}</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>所有社群</translation>
    </message>
    <message>
        <source>Community {0} ({1})</source>
        <translation>社群 {0}（{1}）</translation>
    </message>
</context>
<context>
    <name>GraphPage</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>GraphML (*.graphml)</source>
        <translation>GraphML (*.graphml)</translation>
    </message>
    <message>
        <source>Export the graph</source>
        <translation>导出关系图</translation>
    </message>
    <message>
        <source>Could not write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
    <message>
        <source>Relationship graph</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>{0:,} of {1:,} customers · {2:,} links · {3} communities · modularity {4:.2f}</source>
        <translation>{0:,}/{1:,} 个客户 · {2:,} 条关联 · {3} 个社群 · 模块度 {4:.2f}</translation>
    </message>
    <message>
        <source> · {0:,} inferred links</source>
        <translation> · {0:,} 条推断关联</translation>
    </message>
    <message>
        <source>Ego network of {0} (depth {1}) · </source>
        <translation>{0} 的个人关系网（深度 {1}） · </translation>
    </message>
    <message>
        <source>Relationships: {0}</source>
        <translation>关系：{0}</translation>
    </message>
    <message>
        <source>Betweenness {0:.3f} · eigenvector {1:.3f}</source>
        <translation>中介中心性 {0:.3f} · 特征向量中心性 {1:.3f}</translation>
    </message>
    <message>
        <source>Community {0}</source>
        <translation>社群 {0}</translation>
    </message>
    <message>
        <source>No community</source>
        <translation>无社群</translation>
    </message>
    <message>
        <source>Influence rank {0:,} of {1:,}</source>
        <translation>影响力排名 {0:,} / {1:,}</translation>
    </message>
    <message>
        <source> (with inferred links)</source>
        <translation>（含推断关联）</translation>
    </message>
    <message>
        <source>{0} is not in the graph yet: press Recompute</source>
        <translation>{0} 尚未在关系图中：请点击“重新计算”</translation>
    </message>
    <message>
        <source>Every relationship of {0} is already shown</source>
        <translation>{0} 的所有关系都已显示</translation>
    </message>
    <message>
        <source>Find or right-click a customer first</source>
        <translation>请先查找或右键单击一位客户</translation>
    </message>
    <message>
        <source>Laying out</source>
        <translation>正在布局</translation>
    </message>
    <message>
        <source>Choose both customers for the introduction</source>
        <translation>请为引荐选择两位客户</translation>
    </message>
    <message>
        <source>No chain of introductions links {0} and {1}</source>
        <translation>没有连接 {0} 和 {1} 的引荐链</translation>
    </message>
    <message>
        <source>{0} (weakest link {1:.2f})</source>
        <translation>{0}（最弱一环 {1:.2f}）</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <source>Expand neighbours</source>
        <translation>展开相邻客户</translation>
    </message>
    <message>
        <source>Ego network</source>
        <translation>个人关系网</translation>
    </message>
    <message>
        <source>Introduce from here</source>
        <translation>从这里引荐</translation>
    </message>
    <message>
        <source>Introduce to here</source>
        <translation>引荐到这里</translation>
    </message>
    <message>
        <source>Link to…</source>
        <translation>关联到…</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Relationship graph</source>
        <translation>关系图</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>in memory</source>
        <translation>内存中</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>An offline-first customer relationship manager. Your data stays in one file on this computer.</source>
        <translation>离线优先的客户关系管理软件。你的数据保存在这台计算机上的一个文件中。</translation>
    </message>
    <message>
        <source>About crm-desktop</source>
        <translation>关于 crm-desktop</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation.</source>
        <translation>此安装中缺少用户指南。</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>KanbanBoard</name>
    <message>
        <source>Pipeline board</source>
        <translation>销售管道看板</translation>
    </message>
</context>
<context>
    <name>KanbanCard</name>
    <message>
        <source>win %1%</source>
        <translation>赢单 %1%</translation>
    </message>
    <message>
        <source>%1, %2, closes %3</source>
        <translation>%1，%2，预计 %3 成交</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移动到</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
</context>
<context>
    <name>KanbanColumn</name>
    <message>
        <source>Stage %1</source>
        <translation>阶段 %1</translation>
    </message>
    <message>
        <source>%1 · %2&lt;br&gt;weighted %3</source>
        <translation>%1 · %2&lt;br&gt;加权 %3</translation>
    </message>
    <message>
        <source>1 deal</source>
        <translation>1 个商机</translation>
    </message>
    <message>
        <source>%1 deals</source>
        <translation>%1 个商机</translation>
    </message>
    <message>
        <source>%1 opportunities, total %2, weighted total %3</source>
        <translation>%1 个商机，总额 %2，加权总额 %3</translation>
    </message>
    <message>
        <source>%1 more…</source>
        <translation>还有 %1 个…</translation>
    </message>
    <message>
        <source>Show every opportunity of this stage in the table</source>
        <translation>在表格中显示此阶段的所有商机</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>Lines</source>
        <translation>明细行</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Disc. %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>行合计</translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation>添加行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>删除行(&amp;R)</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Product of line %1</source>
        <translation>第 %1 行的产品</translation>
    </message>
    <message>
        <source>(no product)</source>
        <translation>（无产品）</translation>
    </message>
    <message>
        <source>Subtotal %1 · Discount %2 · Tax %3 · &lt;b&gt;Total %4&lt;/b&gt;</source>
        <translation>小计 %1 · 折扣 %2 · 税额 %3 · &lt;b&gt;总计 %4&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>LinesDialog</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Select a record to see its details.</source>
        <translation>选择一条记录以查看详情。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>crm-desktop is locked</source>
        <translation>crm-desktop 已锁定</translation>
    </message>
    <message>
        <source>Type the passphrase of the database to go on.</source>
        <translation>输入数据库的密码以继续。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>crm-desktop databases (*.db *.sqlite);;All files (*)</source>
        <translation>crm-desktop 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>最近的数据库</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Backup…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>查找重复(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New record</source>
        <translation>新建记录(&amp;N)</translation>
    </message>
    <message>
        <source>Create a record on this page</source>
        <translation>在此页面新建记录</translation>
    </message>
    <message>
        <source>&amp;Open record</source>
        <translation>打开记录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Move the selected records to the trash</source>
        <translation>将所选记录移到回收站</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Search customers, opportunities and tickets</source>
        <translation>搜索客户、商机和工单</translation>
    </message>
    <message>
        <source>Scoring &amp;rules…</source>
        <translation>评分规则(&amp;R)…</translation>
    </message>
    <message>
        <source>The rules and weights of the rule-based scoring analysis</source>
        <translation>规则评分分析的规则和权重</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Language, theme, default country and currency, backups, rules</source>
        <translation>语言、主题、默认国家和货币、备份、规则</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Show &amp;trash</source>
        <translation>显示回收站(&amp;T)</translation>
    </message>
    <message>
        <source>Show deleted records of this page to restore them</source>
        <translation>显示此页面已删除的记录以便恢复</translation>
    </message>
    <message>
        <source>Record &amp;history…</source>
        <translation>记录历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Who changed the selected record, what and when</source>
        <translation>谁更改了所选记录、改了什么、何时更改</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>Every recorded change: who changed what, and when</source>
        <translation>每一项记录的更改：谁改了什么、何时更改</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About crm-desktop</source>
        <translation>关于 crm-desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Preparing the page</source>
        <translation>正在准备页面</translation>
    </message>
    <message>
        <source>Preparing pages</source>
        <translation>正在准备页面</translation>
    </message>
    <message>
        <source>Opening {0}</source>
        <translation>正在打开 {0}</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>（内存中）</translation>
    </message>
    <message>
        <source>{0} — crm-desktop</source>
        <translation>{0} — crm-desktop</translation>
    </message>
    <message>
        <source>This page could not be opened: {0}</source>
        <translation>无法打开此页面：{0}</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Save as template…</source>
        <translation>另存为模板…</translation>
    </message>
    <message>
        <source>Load template…</source>
        <translation>加载模板…</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>delimiter {0}</source>
        <translation>分隔符 {0}</translation>
    </message>
    <message>
        <source>Save mapping template</source>
        <translation>保存映射模板</translation>
    </message>
    <message>
        <source>Templates (*.json)</source>
        <translation>模板 (*.json)</translation>
    </message>
    <message>
        <source>Load mapping template</source>
        <translation>加载映射模板</translation>
    </message>
    <message>
        <source>This template is for {0}.</source>
        <translation>此模板用于{0}。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Take from the other</source>
        <translation>取自另一位</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>Swap: keep the other one</source>
        <translation>交换：保留另一位</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Keep “{0}” (#{1}) and merge “{2}” (#{3}) into it; “{2}” goes to the trash. You can undo this.</source>
        <translation>保留“{0}”(#{1})，并将“{2}”(#{3}) 合并进来；“{2}”将移到回收站。此操作可以撤销。</translation>
    </message>
    <message>
        <source>Moved to the kept customer: {0}.</source>
        <translation>已移到保留的客户：{0}。</translation>
    </message>
    <message>
        <source>The other customer has no records.</source>
        <translation>另一位客户没有记录。</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者</translation>
    </message>
</context>
<context>
    <name>NextProductsLabel</name>
    <message>
        <source>Likely to buy next</source>
        <translation>可能接下来购买</translation>
    </message>
    <message>
        <source>Loading suggestions</source>
        <translation>正在加载建议</translation>
    </message>
    <message>
        <source>offer to all…</source>
        <translation>向所有人推荐…</translation>
    </message>
    <message>
        <source>with {0}</source>
        <translation>搭配 {0}</translation>
    </message>
    <message>
        <source>Likely to buy next:</source>
        <translation>可能接下来购买：</translation>
    </message>
    <message>
        <source>From the &apos;What sells together&apos; analysis: products often bought with what this customer bought, not bought yet. &apos;offer to all…&apos; plans a campaign at every customer to whom the product is suggested.</source>
        <translation>来自“哪些产品一起卖”分析：经常与该客户已购产品一起购买、但该客户尚未购买的产品。“向所有人推荐…”会向所有被建议该产品的客户策划一次营销活动。</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Edit opportunity</source>
        <translation>编辑商机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>From stage</source>
        <translation>按阶段</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>Edit order</source>
        <translation>编辑订单</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <source>(no settings)</source>
        <translation>（无设置）</translation>
    </message>
    <message>
        <source>This analysis has no parameters</source>
        <translation>此分析没有参数</translation>
    </message>
    <message>
        <source>Revenue per</source>
        <translation>收入统计周期</translation>
    </message>
    <message>
        <source>Revenue and its growth per calendar month or quarter</source>
        <translation>按自然月或季度统计的收入及其增长</translation>
    </message>
    <message>
        <source>Loyal: orders in</source>
        <translation>忠诚：下单季度数</translation>
    </message>
    <message>
        <source>A customer is loyal with paid orders in at least this many of the recent quarters; the loyalty index is the loyal customers&apos; share of revenue</source>
        <translation>客户在最近若干季度中至少有这么多个季度有已付款订单即为忠诚客户；忠诚度指数是忠诚客户的收入占比</translation>
    </message>
    <message>
        <source>of the last</source>
        <translation>，统计最近</translation>
    </message>
    <message>
        <source> quarters</source>
        <translation> 个季度</translation>
    </message>
    <message>
        <source>How many recent quarters (3-month windows back from the last order) the loyalty rule looks at</source>
        <translation>忠诚规则考察的最近季度数（从最后一笔订单往前每 3 个月为一个窗口）</translation>
    </message>
    <message>
        <source>Churn period</source>
        <translation>流失统计期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Churn rate: the share of customers active at the start of this period (an order in the 180 days before) who were no longer active at its end</source>
        <translation>流失率：在此期间开始时活跃（之前 180 天内有订单）、而在期末已不再活跃的客户所占比例</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>k-means: k chosen by the best silhouette score; DBSCAN: density clusters, eps chosen at the knee of the k-distance curve, outliers marked as noise</source>
        <translation>k-means：按最佳轮廓系数选择 k；DBSCAN：密度聚类，eps 取 k 距离曲线的拐点，离群点标记为噪声</translation>
    </message>
    <message>
        <source>k from</source>
        <translation>k 从</translation>
    </message>
    <message>
        <source>k-means: the smallest number of segments tried</source>
        <translation>k-means：尝试的最少分群数</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>k-means: the largest number of segments tried</source>
        <translation>k-means：尝试的最多分群数</translation>
    </message>
    <message>
        <source>Core points</source>
        <translation>核心点</translation>
    </message>
    <message>
        <source>DBSCAN: neighbours a point needs to be the core of a cluster; auto = twice the number of features</source>
        <translation>DBSCAN：一个点成为簇核心所需的邻居数；自动 = 特征数的两倍</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The classifier that learns the category from customer behaviour; quality is measured by 3-fold cross-validation</source>
        <translation>根据客户行为学习类别的分类器；质量通过 3 折交叉验证衡量</translation>
    </message>
    <message>
        <source>Churned after</source>
        <translation>流失判定天数</translation>
    </message>
    <message>
        <source>A customer counts as churned after this many days without a paid order; the model predicts who will be churned this many days from now</source>
        <translation>客户连续这么多天没有已付款订单即视为流失；模型预测从现在起这么多天后谁会流失</translation>
    </message>
    <message>
        <source>Buys within</source>
        <translation>购买期限</translation>
    </message>
    <message>
        <source>The probability of buying within this many days from now</source>
        <translation>从现在起这么多天内购买的概率</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Any purchase, or a purchase of a product from one category</source>
        <translation>任意购买，或购买某一类别的产品</translation>
    </message>
    <message>
        <source>CLV horizon</source>
        <translation>CLV 预测期</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Customer lifetime value: expected value over this many months</source>
        <translation>客户终身价值：这么多个月内的预期价值</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source> % a year</source>
        <translation> % / 年</translation>
    </message>
    <message>
        <source>Annual discount rate: future purchases are worth this much less per year (applied monthly)</source>
        <translation>年折现率：未来的购买每年按此比例折价（按月计算）</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Ticket subjects and bodies (themes per month, unusual weeks), or the needs written on customers (one row per customer with its theme)</source>
        <translation>工单的主题和正文（每月主题、异常周），或客户上填写的需求（每位客户一行及其主题）</translation>
    </message>
    <message>
        <source>k-means: groups similar texts; NMF: finds themes as word combinations and gives each text its strongest theme</source>
        <translation>k-means：将相似文本分组；NMF：以词语组合找出主题，并为每条文本指定最强的主题</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题数</translation>
    </message>
    <message>
        <source>How many themes; auto = the number from 2 to 8 with the best silhouette score</source>
        <translation>主题的数量；自动 = 在 2 到 8 之间选择轮廓系数最佳的数量</translation>
    </message>
    <message>
        <source>Tune</source>
        <translation>调优</translation>
    </message>
    <message>
        <source>Choose the model&apos;s settings by a small cross-validated search first (slower; the decision tree is always tuned)</source>
        <translation>先通过小规模交叉验证搜索选择模型设置（较慢；决策树总会调优）</translation>
    </message>
    <message>
        <source>In at least</source>
        <translation>至少出现在</translation>
    </message>
    <message>
        <source> % of orders</source>
        <translation> % 的订单中</translation>
    </message>
    <message>
        <source>Products bought together count when they are in at least this share of the paid orders</source>
        <translation>同时购买的产品至少出现在这一比例的已付款订单中才计入</translation>
    </message>
    <message>
        <source>Right at least</source>
        <translation>准确率至少</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>A rule &apos;who buys A buys B&apos; is kept when it holds at least this often</source>
        <translation>“买 A 的人也买 B”规则至少以此比例成立时才保留</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>k-means</source>
        <translation>k-means</translation>
    </message>
    <message>
        <source>DBSCAN</source>
        <translation>DBSCAN</translation>
    </message>
    <message>
        <source>Random forest</source>
        <translation>随机森林</translation>
    </message>
    <message>
        <source>Decision tree</source>
        <translation>决策树</translation>
    </message>
    <message>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>SVM</source>
        <translation>支持向量机 (SVM)</translation>
    </message>
    <message>
        <source>NMF</source>
        <translation>NMF</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Customer needs</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <source>Any purchase</source>
        <translation>任意购买</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Wrong passphrase: it does not open this database.</source>
        <translation>密码错误：无法打开此数据库。</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>加密的数据库</translation>
    </message>
    <message>
        <source>{0} is encrypted. Type its passphrase to open it.</source>
        <translation>{0} 已加密。请输入密码以打开它。</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Show &amp;customer</source>
        <translation>显示客户(&amp;C)</translation>
    </message>
    <message>
        <source>Select an opportunity to see its details.</source>
        <translation>选择一个商机以查看详情。</translation>
    </message>
    <message>
        <source>Progress against the sales target running now (of the owner chosen in the filter, else of the whole business), beside the open pipeline weighted by stage. Targets are set on the Targets &amp; reports page.</source>
        <translation>当前进行中的销售目标的进度（筛选中选择的负责人的，否则为整个业务的），旁边是按阶段加权的未结销售管道。目标在“目标与报表”页设置。</translation>
    </message>
    <message>
        <source>&amp;New opportunity</source>
        <translation>新建商机(&amp;N)</translation>
    </message>
    <message>
        <source>Create an opportunity (Ctrl+N)</source>
        <translation>新建商机 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>看板(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表格(&amp;T)</translation>
    </message>
    <message>
        <source>Close date:</source>
        <translation>成交日期：</translation>
    </message>
    <message>
        <source>Close date</source>
        <translation>成交日期</translation>
    </message>
    <message>
        <source>Cards by:</source>
        <translation>卡片排序：</translation>
    </message>
    <message>
        <source>Order of the cards</source>
        <translation>卡片的顺序</translation>
    </message>
    <message>
        <source>Largest amount</source>
        <translation>金额最大</translation>
    </message>
    <message>
        <source>Soonest close date</source>
        <translation>成交日期最近</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loading the pipeline</source>
        <translation>正在加载销售管道</translation>
    </message>
    <message>
        <source>Open: %1 · %2 · weighted %3</source>
        <translation>进行中：%1 · %2 · 加权 %3</translation>
    </message>
    <message>
        <source>Measuring the sales target</source>
        <translation>正在衡量销售目标</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>Edit opportunity</source>
        <translation>编辑商机</translation>
    </message>
    <message>
        <source>Delete opportunity</source>
        <translation>删除商机</translation>
    </message>
    <message>
        <source>Move %1 to %2</source>
        <translation>将 %1 移到 %2</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Prob.</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Any close date</source>
        <translation>任意成交日期</translation>
    </message>
    <message>
        <source>Past due</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Closing this month</source>
        <translation>本月成交</translation>
    </message>
    <message>
        <source>Closing in 30 days</source>
        <translation>30 天内成交</translation>
    </message>
    <message>
        <source>Closing this quarter</source>
        <translation>本季度成交</translation>
    </message>
    <message>
        <source>Closing next quarter</source>
        <translation>下季度成交</translation>
    </message>
    <message>
        <source>Closing this year</source>
        <translation>今年成交</translation>
    </message>
    <message>
        <source>{0} (as of {1})</source>
        <translation>{0}（截至 {1}）</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Win probability (model)</source>
        <translation>赢单概率（模型）</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>加权</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Close reason</source>
        <translation>成交/丢单原因</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Stage history</source>
        <translation>阶段历史</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Skip invalid rows</source>
        <translation>跳过无效行</translation>
    </message>
    <message>
        <source>Abort if any row is invalid</source>
        <translation>有任何无效行则中止</translation>
    </message>
    <message>
        <source>Update existing records</source>
        <translation>更新已有记录</translation>
    </message>
    <message>
        <source>Skip rows that match existing records</source>
        <translation>跳过与已有记录匹配的行</translation>
    </message>
    <message>
        <source>Invalid rows</source>
        <translation>无效行</translation>
    </message>
    <message>
        <source>Rows already in the database</source>
        <translation>数据库中已有的行</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
    <message>
        <source>{rows} rows: {new} new, {updated} to update, {skipped} skipped ({invalid} invalid rows, {dups} repeated in the file).</source>
        <translation>共 {rows} 行：新增 {new}，更新 {updated}，跳过 {skipped}（无效 {invalid} 行，文件内重复 {dups} 行）。</translation>
    </message>
    <message>
        <source>Read as {0} (chosen on the first page).</source>
        <translation>按 {0} 读取（在第一页选择）。</translation>
    </message>
    <message>
        <source>Read as {0} (detected; choose another on the first page if names look wrong).</source>
        <translation>按 {0} 读取（自动检测；如果名称显示不对，请在第一页选择其他编码）。</translation>
    </message>
    <message>
        <source>Kept with a warning: {count} (marked “Kept” below; check them).</source>
        <translation>带警告保留：{count} 行（下方标记为“已保留”，请检查）。</translation>
    </message>
    <message>
        <source>Kept: {0}</source>
        <translation>已保留：{0}</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>New product</source>
        <translation>新建产品</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>Can be sold</source>
        <translation>可销售</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>New quote</source>
        <translation>新建报价单</translation>
    </message>
    <message>
        <source>Edit quote</source>
        <translation>编辑报价单</translation>
    </message>
    <message>
        <source>Quote %1</source>
        <translation>报价单 %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RatingInput</name>
    <message>
        <source>No rating</source>
        <translation>无评分</translation>
    </message>
    <message>
        <source>very unhappy</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>very happy</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfaction %1</source>
        <translation>满意度 %1</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBanner</name>
    <message>
        <source>the file is read-only</source>
        <translation>文件是只读的</translation>
    </message>
    <message>
        <source>its folder is read-only</source>
        <translation>其所在文件夹是只读的</translation>
    </message>
    <message>
        <source>it is damaged; restore a backup (File &gt; Restore from backup…) to make changes</source>
        <translation>它已损坏；请恢复备份（文件 &gt; 从备份恢复…）以便进行更改</translation>
    </message>
    <message>
        <source>Read-only: {0}. You can look at everything, but changes cannot be saved.</source>
        <translation>只读：{0}。你可以查看所有内容，但无法保存更改。</translation>
    </message>
</context>
<context>
    <name>RecordHistory</name>
    <message>
        <source>History of this record</source>
        <translation>此记录的历史</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>更改内容</translation>
    </message>
    <message>
        <source>Loading history</source>
        <translation>正在加载历史</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0}（计算机 {1}）</translation>
    </message>
    <message>
        <source>No recorded changes.</source>
        <translation>没有记录的更改。</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Trash: restore records, or empty the trash to remove them for good.</source>
        <translation>回收站：可以恢复记录，或清空回收站将其永久删除。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s)</source>
        <translation>
            <numerusform>删除 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove every record in this trash for good? This cannot be undone.</source>
        <translation>要永久删除回收站中的所有记录吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Emptying trash</source>
        <translation>正在清空回收站</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation>无法加载</translation>
    </message>
</context>
<context>
    <name>RelationshipDialog</name>
    <message>
        <source>Link customers</source>
        <translation>关联客户</translation>
    </message>
    <message>
        <source>Edit relationship</source>
        <translation>编辑关系</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>0 = barely know each other, 1 = very close</source>
        <translation>0 = 几乎不认识，1 = 非常亲密</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>Link {0} and {1}</source>
        <translation>关联 {0} 和 {1}</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the table as CSV or Excel</source>
        <translation>将表格保存为 CSV 或 Excel</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>分组依据：</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Sales report</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>in</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Running the report…</source>
        <translation>正在运行报表…</translation>
    </message>
    <message>
        <source>Running the sales report</source>
        <translation>正在运行销售报表</translation>
    </message>
    <message>
        <source>The report could not run: %1</source>
        <translation>报表无法运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n 个分组</numerusform>
        </translation>
    </message>
    <message>
        <source>No paid orders or closed deals in these dates.</source>
        <translation>这些日期内没有已付款订单或已结束的商机。</translation>
    </message>
    <message>
        <source>Nothing to chart yet.</source>
        <translation>暂无可绘制的内容。</translation>
    </message>
    <message>
        <source>%1 by %2 (%3)</source>
        <translation>%1 按 %2（%3）</translation>
    </message>
    <message>
        <source>Export the sales report</source>
        <translation>导出销售报表</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the sales report</source>
        <translation>正在导出销售报表</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Targets</source>
        <translation>目标(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Sales reports</source>
        <translation>销售报表(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve ticket</source>
        <translation>解决工单</translation>
    </message>
    <message>
        <source>Resolve %1: %2</source>
        <translation>解决 %1：%2</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
</context>
<context>
    <name>ResultActions</name>
    <message>
        <source>Customers to act on</source>
        <translation>要处理的客户</translation>
    </message>
    <message>
        <source>Campaign…</source>
        <translation>营销活动…</translation>
    </message>
    <message>
        <source>Create a campaign with these customers</source>
        <translation>用这些客户创建营销活动</translation>
    </message>
    <message>
        <source>Follow-up tasks…</source>
        <translation>跟进任务…</translation>
    </message>
    <message>
        <source>Give each of these customers a follow-up task</source>
        <translation>为这些客户各创建一个跟进任务</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Add a tag to these customers</source>
        <translation>为这些客户添加标签</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save these rows as shown to a CSV or Excel file</source>
        <translation>将显示的这些行保存为 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>Act on:</source>
        <translation>处理对象：</translation>
    </message>
    <message>
        <source>All %1 rows</source>
        <translation>全部 %1 行</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n selected customers</source>
        <translation>
            <numerusform>已选择 %n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Name of the campaign for %1:</source>
        <translation>%1 的营销活动名称：</translation>
    </message>
    <message>
        <source>Campaign %1</source>
        <translation>营销活动 %1</translation>
    </message>
    <message>
        <source>Campaign “%1” with %2 customers</source>
        <translation>营销活动“%1”，含 %2 位客户</translation>
    </message>
    <message>
        <source>Follow-up tasks</source>
        <translation>跟进任务</translation>
    </message>
    <message>
        <source>%1 follow-up tasks made</source>
        <translation>已创建 %1 个跟进任务</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tag to add to %1:</source>
        <translation>要添加到 %1 的标签：</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>Tagged %1 customers “%2”</source>
        <translation>已为 %1 位客户添加标签“%2”</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Scoring rules and weights</source>
        <translation>评分规则和权重</translation>
    </message>
    <message>
        <source>Category when no rule gives one</source>
        <translation>没有规则给出类别时的类别</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Every customer is checked against every rule. A customer gets the category of the first matching rule that has one, and the points of all matching rules. &quot;In top %&quot; compares with all customers when the analysis runs.</source>
        <translation>每位客户都会按每条规则检查。客户获得第一条匹配且带类别的规则的类别，以及所有匹配规则的分数之和。“位于前 %”在分析运行时与全部客户比较。</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>Add a rule (Insert)</source>
        <translation>添加规则 (Insert)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected rule (Delete)</source>
        <translation>删除所选规则 (Delete)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Check this rule earlier</source>
        <translation>提前检查此规则</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Check this rule later</source>
        <translation>推后检查此规则</translation>
    </message>
    <message>
        <source>&amp;Otherwise category:</source>
        <translation>否则类别(&amp;O)：</translation>
    </message>
    <message>
        <source>Score weights</source>
        <translation>评分权重</translation>
    </message>
    <message>
        <source>Score (0-100) = sum(weight × value) / sum(weights), each value scaled to 0-1 across all customers.

Weight 0 leaves a field out. Tick &quot;Lower is better&quot; where a small value is good (days since the last order).</source>
        <translation>评分 (0-100) = 总和(权重 × 值) / 总和(权重)，每个值按全部客户缩放到 0-1。

权重为 0 表示不计该字段。值越小越好的字段（如距上次下单天数）请勾选“越低越好”。</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>The stored rules could not be read (%1); the defaults are shown.</source>
        <translation>无法读取已保存的规则（%1）；显示的是默认规则。</translation>
    </message>
    <message>
        <source>Days since last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>平均订单额</translation>
    </message>
    <message>
        <source>Days as customer</source>
        <translation>成为客户的天数</translation>
    </message>
    <message>
        <source>Orders in last 90 days</source>
        <translation>近 90 天订单数</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Satisfaction (1-5)</source>
        <translation>满意度 (1-5)</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>互动记录</translation>
    </message>
    <message>
        <source>Days since last contact</source>
        <translation>距上次联系天数</translation>
    </message>
    <message>
        <source>NPS score (0-10)</source>
        <translation>NPS 评分 (0-10)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Person or company</source>
        <translation>个人或公司</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Rating (0-5)</source>
        <translation>评级 (0-5)</translation>
    </message>
    <message>
        <source>=</source>
        <translation>=</translation>
    </message>
    <message>
        <source>≠</source>
        <translation>≠</translation>
    </message>
    <message>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <source>≥</source>
        <translation>≥</translation>
    </message>
    <message>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <source>≤</source>
        <translation>≤</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>in top %</source>
        <translation>位于前 %</translation>
    </message>
    <message>
        <source>in bottom %</source>
        <translation>位于后 %</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>low, high</source>
        <translation>下限, 上限</translation>
    </message>
    <message>
        <source>percent, e.g. 20</source>
        <translation>百分比，例如 20</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>多个值，用逗号分隔</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>RulesTable</name>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运算符</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Names the rule in the results (column &apos;matched rules&apos;)</source>
        <translation>在结果中标识此规则（“匹配的规则”列）</translation>
    </message>
    <message>
        <source>Field of rule %1</source>
        <translation>规则 %1 的字段</translation>
    </message>
    <message>
        <source>Operator of rule %1</source>
        <translation>规则 %1 的运算符</translation>
    </message>
    <message>
        <source>Value of rule %1</source>
        <translation>规则 %1 的值</translation>
    </message>
    <message>
        <source>Category of rule %1</source>
        <translation>规则 %1 的类别</translation>
    </message>
    <message>
        <source>Points of rule %1</source>
        <translation>规则 %1 的分数</translation>
    </message>
    <message>
        <source>Note of rule %1</source>
        <translation>规则 %1 的备注</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Checking rows</source>
        <translation>正在检查各行</translation>
    </message>
    <message>
        <source>Matching existing records</source>
        <translation>正在匹配已有记录</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Importing customers</source>
        <translation>正在导入客户</translation>
    </message>
    <message>
        <source>Updating matched customers</source>
        <translation>正在更新匹配的客户</translation>
    </message>
    <message>
        <source>Writing orders</source>
        <translation>正在写入订单</translation>
    </message>
    <message>
        <source>Writing opportunities</source>
        <translation>正在写入商机</translation>
    </message>
    <message>
        <source>Writing tickets</source>
        <translation>正在写入工单</translation>
    </message>
    <message>
        <source>Writing interactions</source>
        <translation>正在写入互动记录</translation>
    </message>
    <message>
        <source>Indexing for search</source>
        <translation>正在建立搜索索引</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Done: {new} imported, {updated} updated, {skipped} skipped of {rows} rows.</source>
        <translation>完成：共 {rows} 行，导入 {new}，更新 {updated}，跳过 {skipped}。</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <source>Quotes, orders, contracts and products</source>
        <translation>报价单、订单、合同和产品</translation>
    </message>
    <message>
        <source>&amp;New quote</source>
        <translation>新建报价单(&amp;N)</translation>
    </message>
    <message>
        <source>Edit quote</source>
        <translation>编辑报价单</translation>
    </message>
    <message>
        <source>&amp;New order</source>
        <translation>新建订单(&amp;N)</translation>
    </message>
    <message>
        <source>Edit order</source>
        <translation>编辑订单</translation>
    </message>
    <message>
        <source>&amp;New contract</source>
        <translation>新建合同(&amp;N)</translation>
    </message>
    <message>
        <source>Edit contract</source>
        <translation>编辑合同</translation>
    </message>
    <message>
        <source>&amp;New product</source>
        <translation>新建产品(&amp;N)</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <source>Mark the quote accepted and create the order with its lines</source>
        <translation>将报价单标记为已接受，并按其明细创建订单</translation>
    </message>
    <message>
        <source>&amp;Accept → order</source>
        <translation>接受 → 订单(&amp;A)</translation>
    </message>
    <message>
        <source>Show c&amp;ustomer</source>
        <translation>显示客户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Quotes</source>
        <translation>报价单(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <source>Con&amp;tracts</source>
        <translation>合同(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Products</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <source>Quote %1 to order</source>
        <translation>报价单 %1 转为订单</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>in %1 d</source>
        <translation>%1 天后</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>续约</translation>
    </message>
    <message>
        <source>Renews in</source>
        <translation>距续约</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>税率 %</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Renewing in 60 days</source>
        <translation>60 天内续约</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Disc.</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>总计 %1</translation>
    </message>
    <message>
        <source>Became order</source>
        <translation>已转为订单</translation>
    </message>
    <message>
        <source>Quote %1</source>
        <translation>报价单 %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Renewal date</source>
        <translation>续约日期</translation>
    </message>
    <message>
        <source>Auto renew</source>
        <translation>自动续约</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Security</name>
    <message>
        <source>&amp;Security</source>
        <translation>安全(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Encrypt database…</source>
        <translation>加密数据库(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Change passphrase…</source>
        <translation>更改密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Decrypt database…</source>
        <translation>解密数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Lock &amp;after idle time…</source>
        <translation>空闲后锁定(&amp;A)…</translation>
    </message>
    <message>
        <source>Encrypt database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <source>Choose a passphrase for {0}. It is needed every time the database is opened: without it nobody, you included, can read the data again.</source>
        <translation>为 {0} 选择一个密码。每次打开数据库都需要它：没有它，任何人（包括你）都无法再读取这些数据。</translation>
    </message>
    <message>
        <source>Encrypting the database</source>
        <translation>正在加密数据库</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <source>Type the new passphrase. Backups made before keep the old one.</source>
        <translation>输入新密码。之前的备份仍使用旧密码。</translation>
    </message>
    <message>
        <source>Changing the passphrase</source>
        <translation>正在更改密码</translation>
    </message>
    <message>
        <source>Decrypt database</source>
        <translation>解密数据库</translation>
    </message>
    <message>
        <source>After this anyone who can read {0} can read its records. Decrypt it?</source>
        <translation>此后任何能读取 {0} 的人都能读取其中的记录。确定要解密吗？</translation>
    </message>
    <message>
        <source>Decrypting the database</source>
        <translation>正在解密数据库</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>Type the current passphrase of the database.</source>
        <translation>输入数据库的当前密码。</translation>
    </message>
    <message>
        <source>Lock after idle time</source>
        <translation>空闲后锁定</translation>
    </message>
    <message>
        <source>Lock an encrypted database after this many idle minutes (0: never):</source>
        <translation>空闲这么多分钟后锁定加密的数据库（0：从不）：</translation>
    </message>
</context>
<context>
    <name>SegmentTools</name>
    <message>
        <source>Rename segment…</source>
        <translation>重命名分群…</translation>
    </message>
    <message>
        <source>Give the segment chosen in the profile table a name of your own (F2)</source>
        <translation>为概况表中选中的分群起一个自己的名字（F2）</translation>
    </message>
    <message>
        <source>Show map of customers</source>
        <translation>显示客户分布图</translation>
    </message>
    <message>
        <source>Each customer as a dot, placed by how they buy (the first two principal components), coloured by segment</source>
        <translation>每位客户是一个点，按购买方式摆放（前两个主成分），按分群着色</translation>
    </message>
    <message>
        <source>Rename segment</source>
        <translation>重命名分群</translation>
    </message>
    <message>
        <source>New name for “%1” (empty: its automatic name):</source>
        <translation>“%1”的新名称（留空：使用自动名称）：</translation>
    </message>
    <message>
        <source>Rename segment %1</source>
        <translation>重命名分群 %1</translation>
    </message>
    <message>
        <source>Segment “%1” is now called “%2”</source>
        <translation>分群“%1”现在叫“%2”</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Next to the database (backups folder)</source>
        <translation>数据库旁边（backups 文件夹）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> quarters</source>
        <translation> 个季度</translation>
    </message>
    <message>
        <source>of the last</source>
        <translation>，统计最近</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Default country</source>
        <translation>默认国家</translation>
    </message>
    <message>
        <source>Default currency</source>
        <translation>默认货币</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>保留的备份数</translation>
    </message>
    <message>
        <source>Churn rate over the last</source>
        <translation>流失率统计期间：最近</translation>
    </message>
    <message>
        <source>Loyal: orders in</source>
        <translation>忠诚：下单季度数</translation>
    </message>
    <message>
        <source>Stay in touch by default every</source>
        <translation>默认保持联系间隔：每</translation>
    </message>
    <message>
        <source>Import: longest cell</source>
        <translation>导入：单元格最长</translation>
    </message>
    <message>
        <source>Import: largest file</source>
        <translation>导入：文件最大</translation>
    </message>
    <message>
        <source>Phone numbers typed without + are read in this country; new customers start here</source>
        <translation>未带 + 输入的电话号码按此国家解读；新客户默认为此国家</translation>
    </message>
    <message>
        <source>New quotes, orders, opportunities and products start in this currency (kept in this database)</source>
        <translation>新的报价单、订单、商机和产品默认使用此货币（保存在此数据库中）</translation>
    </message>
    <message>
        <source>The dashboard&apos;s churn rate: the share of active customers lost in this period</source>
        <translation>仪表板的流失率：此期间内流失的活跃客户比例</translation>
    </message>
    <message>
        <source>A customer is loyal with paid orders in at least this many of the recent quarters</source>
        <translation>在最近的这些季度中，至少这么多个季度有已付款订单的客户为忠实客户</translation>
    </message>
    <message>
        <source>A row with a longer cell is not imported; the import lists it with this reason</source>
        <translation>含有更长单元格的行不会导入；导入结果会列出该行及原因</translation>
    </message>
    <message>
        <source>A larger file is refused before it is read</source>
        <translation>更大的文件在读取前即被拒绝</translation>
    </message>
    <message>
        <source>The language changes when crm-desktop starts again.</source>
        <translation>语言将在 crm-desktop 下次启动时更改。</translation>
    </message>
    <message>
        <source>choose a country from the list</source>
        <translation>请从列表中选择一个国家</translation>
    </message>
    <message>
        <source>a loyal customer cannot need orders in more quarters than are looked at</source>
        <translation>忠实客户所需的有订单季度数不能多于统计的季度数</translation>
    </message>
</context>
<context>
    <name>SqlTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loading {0}</source>
        <translation>正在加载 {0}</translation>
    </message>
    <message>
        <source>Counting {0}</source>
        <translation>正在统计 {0}</translation>
    </message>
    <message>
        <source>Refreshing {0}</source>
        <translation>正在刷新 {0}</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>(in memory)</source>
        <translation>（内存中）</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Counting records</source>
        <translation>正在统计记录</translation>
    </message>
    <message>
        <source>{0} customers · {1} opportunities · {2} tickets</source>
        <translation>{0} 个客户 · {1} 个商机 · {2} 个工单</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n 个任务正在运行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>New sales target</source>
        <translation>新建销售目标</translation>
    </message>
    <message>
        <source>Edit sales target</source>
        <translation>编辑销售目标</translation>
    </message>
    <message>
        <source>(whole business)</source>
        <translation>（整个业务）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>A salesperson, or the whole business</source>
        <translation>销售人员，或整个业务</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>A month as 2026-12 or a quarter as 2026-Q4</source>
        <translation>月份如 2026-12，季度如 2026-Q4</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Revenue to reach, e.g. 50,000</source>
        <translation>要达到的收入，例如 50,000</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Deals won</source>
        <translation>赢单数</translation>
    </message>
    <message>
        <source>Optional: how many deals to win</source>
        <translation>可选：要赢得的商机数量</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>TargetsTab</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Count as sold</source>
        <translation>计为已售</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>已赢商机</translation>
    </message>
    <message>
        <source>Paid orders</source>
        <translation>已付款订单</translation>
    </message>
    <message>
        <source>&amp;New target…</source>
        <translation>新建目标(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Sold means:</source>
        <translation>已售的含义：</translation>
    </message>
    <message>
        <source>Sales targets and their progress</source>
        <translation>销售目标及其进度</translation>
    </message>
    <message>
        <source>Measuring progress…</source>
        <translation>正在衡量进度…</translation>
    </message>
    <message>
        <source>Measuring sales targets</source>
        <translation>正在衡量销售目标</translation>
    </message>
    <message>
        <source>Measuring progress… %1%</source>
        <translation>正在衡量进度… %1%</translation>
    </message>
    <message>
        <source>Could not measure the progress: %1</source>
        <translation>无法衡量进度：%1</translation>
    </message>
    <message>
        <source>No targets for this period yet. Set one with “New target…”: an amount to reach per month or quarter, for a salesperson or the whole business.</source>
        <translation>此期间还没有目标。用“新建目标…”设置一个：每月或每季度要达到的金额，针对某位销售人员或整个业务。</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s). The weighted pipeline counts open deals expected to close by the period&apos;s end, weighted by %1.</source>
        <translation>
            <numerusform>%n 个目标。加权销售管道计算预计在期末前成交的未结商机，按%1加权。</numerusform>
        </translation>
    </message>
    <message>
        <source>the win-probability model</source>
        <translation>赢单概率模型</translation>
    </message>
    <message>
        <source>each stage&apos;s probability</source>
        <translation>各阶段的概率</translation>
    </message>
    <message>
        <source>New sales target</source>
        <translation>新建销售目标</translation>
    </message>
    <message>
        <source>Edit sales target</source>
        <translation>编辑销售目标</translation>
    </message>
    <message>
        <source>Delete the target of %1 for %2</source>
        <translation>删除 %1 在 %2 的目标</translation>
    </message>
</context>
<context>
    <name>TasksDialog</name>
    <message>
        <source>Follow-up tasks for %1</source>
        <translation>%1 的跟进任务</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>each customer&apos;s owner</source>
        <translation>各客户的负责人</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Edit ticket</source>
        <translation>编辑工单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>pick a customer from the suggestions</source>
        <translation>请从建议中选择客户</translation>
    </message>
    <message>
        <source>a ticket needs a customer</source>
        <translation>工单需要一位客户</translation>
    </message>
</context>
<context>
    <name>TicketsPage</name>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>SLA 截止</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Open or pending</source>
        <translation>进行中或挂起</translation>
    </message>
    <message>
        <source>Resolved or closed</source>
        <translation>已解决或已关闭</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>暂无消息。</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>我方</translation>
    </message>
    <message>
        <source>Ticket detail</source>
        <translation>工单详情</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>解决(&amp;S)…</translation>
    </message>
    <message>
        <source>Show c&amp;ustomer</source>
        <translation>显示客户(&amp;U)</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter sends)</source>
        <translation>输入回复…（Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <source>Send &amp;reply</source>
        <translation>发送回复(&amp;R)</translation>
    </message>
    <message>
        <source>Select a ticket.</source>
        <translation>请选择一个工单。</translation>
    </message>
    <message>
        <source>{0} — overdue</source>
        <translation>{0} — 已逾期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>&amp;New ticket</source>
        <translation>新建工单(&amp;N)</translation>
    </message>
    <message>
        <source>Open a ticket for a customer (Ctrl+N)</source>
        <translation>为客户新建工单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Edit ticket</source>
        <translation>编辑工单</translation>
    </message>
    <message>
        <source>Counting overdue tickets</source>
        <translation>正在统计逾期工单</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>已逾期 %1 个</translation>
    </message>
    <message>
        <source>Nothing overdue</source>
        <translation>没有逾期</translation>
    </message>
    <message>
        <source>Resolve ticket</source>
        <translation>解决工单</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>At stake</source>
        <translation>利害</translation>
    </message>
    <message>
        <source>Why today</source>
        <translation>为何是今天</translation>
    </message>
    <message>
        <source>Log a &amp;call</source>
        <translation>记录通话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
    <message>
        <source>Mark the due follow-ups done and take the customer off the list until tomorrow</source>
        <translation>将到期的跟进标记为完成，并在明天之前将该客户移出列表</translation>
    </message>
    <message>
        <source>&amp;Snooze a week</source>
        <translation>推迟一周(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open customer</source>
        <translation>打开客户(&amp;O)</translation>
    </message>
    <message>
        <source>Loading who to contact today…</source>
        <translation>正在加载今天要联系的客户…</translation>
    </message>
    <message>
        <source>Loading Today</source>
        <translation>正在加载“今天”</translation>
    </message>
    <message>
        <source>Could not load Today: %1</source>
        <translation>无法加载“今天”：%1</translation>
    </message>
    <message>
        <source>Nobody needs a call today.</source>
        <translation>今天无需给任何人打电话。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers to contact today, most at stake first.</source>
        <translation>
            <numerusform>今天要联系 %Ln 位客户，利害最大的在前。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>What the contact puts at stake: churn risk times the customer&apos;s value, deals, overdue follow-ups</source>
        <translation>联系所关乎的利害：流失风险乘以客户价值、商机、逾期的跟进</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Call with %1</source>
        <translation>与 %1 通话</translation>
    </message>
    <message>
        <source>Snooze %1</source>
        <translation>推迟 %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
</context>
<context>
    <name>UnusualWeeks</name>
    <message>
        <source>Unusual ticket weeks per theme</source>
        <translation>各主题的异常工单周</translation>
    </message>
    <message>
        <source>Unusual &amp;weeks</source>
        <translation>异常周(&amp;W)</translation>
    </message>
    <message>
        <source>Group the tickets into themes and find the weeks in which a theme had far more tickets than in its previous 12 weeks</source>
        <translation>将工单归为若干主题，找出某主题工单数远多于其前 12 周的那些周</translation>
    </message>
    <message>
        <source>Looking for unusual weeks…</source>
        <translation>正在查找异常周…</translation>
    </message>
    <message>
        <source>Looking for unusual ticket weeks</source>
        <translation>正在查找异常工单周</translation>
    </message>
    <message>
        <source>Looking for unusual weeks… %1%</source>
        <translation>正在查找异常周… %1%</translation>
    </message>
    <message>
        <source>Too few tickets to group into themes (%1).</source>
        <translation>工单太少，无法归为主题（%1）。</translation>
    </message>
    <message>
        <source>No unusual week: over %1 weeks, no theme of %2 had far more tickets than usual.</source>
        <translation>没有异常周：在 %1 周内，%2 个主题中没有哪个的工单数远多于平常。</translation>
    </message>
    <message>
        <source>week of %1: “%2” %3 tickets (usually %4)</source>
        <translation>%1 那一周：“%2” %3 个工单（通常 %4 个）</translation>
    </message>
    <message numerus="yes">
        <source>Unusual weeks (%n):</source>
        <translation>
            <numerusform>异常周（%n）：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeightsTable</name>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>Weight of %1</source>
        <translation>%1 的权重</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to crm-desktop</source>
        <translation>欢迎使用 crm-desktop</translation>
    </message>
    <message>
        <source>Your customers, sales and service in one file on this computer, with or without internet. How would you like to start?</source>
        <translation>你的客户、销售和服务都保存在这台计算机上的一个文件中，有没有网络都能用。你想如何开始？</translation>
    </message>
    <message>
        <source>Try it with demo data (2,000 sample customers; start a real database any time)</source>
        <translation>用演示数据试用（2,000 位示例客户；随时可以开始使用真实数据库）</translation>
    </message>
    <message>
        <source>Create an empty database</source>
        <translation>创建空数据库</translation>
    </message>
    <message>
        <source>Open an existing database…</source>
        <translation>打开现有数据库…</translation>
    </message>
    <message>
        <source>Phone numbers typed without + are read in this country</source>
        <translation>未带 + 输入的电话号码按此国家解读</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Default country</source>
        <translation>默认国家</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Opens {0}</source>
        <translation>打开 {0}</translation>
    </message>
    <message>
        <source>You choose the file after pressing Start.</source>
        <translation>按“开始”后再选择文件。</translation>
    </message>
    <message>
        <source>The database is kept in {0}</source>
        <translation>数据库保存在 {0}</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>analysis</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>AOV x purchases a year x 3 years</source>
        <translation>平均订单额 × 年购买次数 × 3 年</translation>
    </message>
    <message>
        <source>ARI vs RFM</source>
        <translation>与 RFM 的 ARI</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>AUC (logistic)</source>
        <translation>AUC（逻辑回归）</translation>
    </message>
    <message>
        <source>AUC (random forest)</source>
        <translation>AUC（随机森林）</translation>
    </message>
    <message>
        <source>About to sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>BG/NBD a</source>
        <translation>BG/NBD a</translation>
    </message>
    <message>
        <source>BG/NBD a, b identified</source>
        <translation>BG/NBD a、b 可识别</translation>
    </message>
    <message>
        <source>BG/NBD alpha</source>
        <translation>BG/NBD alpha</translation>
    </message>
    <message>
        <source>BG/NBD b</source>
        <translation>BG/NBD b</translation>
    </message>
    <message>
        <source>BG/NBD dropout per purchase</source>
        <translation>BG/NBD 每次购买后的流失率</translation>
    </message>
    <message>
        <source>BG/NBD r</source>
        <translation>BG/NBD r</translation>
    </message>
    <message>
        <source>Back-test of the weighted forecast per month</source>
        <translation>每月加权预测的回测</translation>
    </message>
    <message>
        <source>Back-test: won vs forecast</source>
        <translation>回测：实际赢单与预测</translation>
    </message>
    <message>
        <source>Bargain hunter</source>
        <translation>价格敏感型</translation>
    </message>
    <message>
        <source>Big ticket</source>
        <translation>大额客户</translation>
    </message>
    <message>
        <source>Brier</source>
        <translation>Brier 分数</translation>
    </message>
    <message>
        <source>CLV</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>Campaign ROI</source>
        <translation>营销活动投资回报率</translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation>不能失去</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>冠军客户</translation>
    </message>
    <message>
        <source>Churn drivers (logistic: coefficient per SD; + raises risk)</source>
        <translation>流失驱动因素（逻辑回归：每个标准差的系数；正值增加风险）</translation>
    </message>
    <message>
        <source>Churn drivers (random_forest: importance)</source>
        <translation>流失驱动因素（随机森林：重要性）</translation>
    </message>
    <message>
        <source>Customer lifetime value</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customers missing each field</source>
        <translation>各字段缺失的客户数</translation>
    </message>
    <message>
        <source>Customers per RFM segment</source>
        <translation>各 RFM 分群的客户数</translation>
    </message>
    <message>
        <source>Customers per churn risk band</source>
        <translation>各流失风险等级的客户数</translation>
    </message>
    <message>
        <source>Customers per rule category</source>
        <translation>各规则类别的客户数</translation>
    </message>
    <message>
        <source>Customers with unusual buying, by reason</source>
        <translation>购买异常的客户（按原因）</translation>
    </message>
    <message>
        <source>Customers&apos; needs: themes per month (by created)</source>
        <translation>客户需求：每月主题（按创建时间）</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Feature importance (random forest)</source>
        <translation>特征重要性（随机森林）</translation>
    </message>
    <message>
        <source>Flagged customers per reason</source>
        <translation>各原因标记的客户数</translation>
    </message>
    <message>
        <source>Gamma-Gamma customers</source>
        <translation>Gamma-Gamma 客户数</translation>
    </message>
    <message>
        <source>Gamma-Gamma p</source>
        <translation>Gamma-Gamma p</translation>
    </message>
    <message>
        <source>Gamma-Gamma q</source>
        <translation>Gamma-Gamma q</translation>
    </message>
    <message>
        <source>Gamma-Gamma v</source>
        <translation>Gamma-Gamma v</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>冬眠</translation>
    </message>
    <message>
        <source>High value</source>
        <translation>高价值</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>NMF</source>
        <translation>NMF</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>Needs that come up together</source>
        <translation>经常同时出现的需求</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Occasional</source>
        <translation>偶尔购买</translation>
    </message>
    <message>
        <source>One-time buyer</source>
        <translation>一次性买家</translation>
    </message>
    <message>
        <source>PCA variance shown</source>
        <translation>PCA 显示的方差占比</translation>
    </message>
    <message>
        <source>PCA: first component, 0-100</source>
        <translation>PCA：第一主成分，0-100</translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation>潜在忠诚客户</translation>
    </message>
    <message>
        <source>Predicted Net Promoter groups</source>
        <translation>预测的净推荐者分组</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Purchase propensity</source>
        <translation>购买倾向</translation>
    </message>
    <message>
        <source>RFM segment x responded, pooled over all campaigns (per campaign: segment_p in the table)</source>
        <translation>RFM 分群 × 是否响应，汇总所有营销活动（每个活动见表中的 segment_p）</translation>
    </message>
    <message>
        <source>ROI</source>
        <translation>投资回报率</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>常客</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Revenue per month</source>
        <translation>月度收入</translation>
    </message>
    <message>
        <source>Revenue per quarter</source>
        <translation>季度收入</translation>
    </message>
    <message>
        <source>Satisfaction: error on the later period (lower is better)</source>
        <translation>满意度：后一时期的误差（越低越好）</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Themes of customers&apos; needs</source>
        <translation>客户需求的主题</translation>
    </message>
    <message>
        <source>Ticket themes per month</source>
        <translation>每月工单主题</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>What sells together (lift)</source>
        <translation>关联购买（提升度）</translation>
    </message>
    <message>
        <source>Won revenue</source>
        <translation>赢单收入</translation>
    </message>
    <message>
        <source>Won revenue projected by the linear trend</source>
        <translation>按线性趋势预测的赢单收入</translation>
    </message>
    <message>
        <source>Won revenue, trend and weighted pipeline</source>
        <translation>赢单收入、趋势和加权销售管道</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>also needs</source>
        <translation>同时需要</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>anomalous weeks</source>
        <translation>异常周数</translation>
    </message>
    <message>
        <source>anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>anomaly rule</source>
        <translation>异常规则</translation>
    </message>
    <message>
        <source>antecedent</source>
        <translation>前项</translation>
    </message>
    <message>
        <source>antecedent ids</source>
        <translation>前项 ID</translation>
    </message>
    <message>
        <source>any purchase</source>
        <translation>任意购买</translation>
    </message>
    <message>
        <source>aov</source>
        <translation>平均订单额</translation>
    </message>
    <message>
        <source>ape</source>
        <translation>绝对百分比误差</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>avg_order_value</source>
        <translation>平均订单额</translation>
    </message>
    <message>
        <source>b</source>
        <translation>b</translation>
    </message>
    <message>
        <source>back-test MAPE</source>
        <translation>回测 MAPE</translation>
    </message>
    <message>
        <source>back-test WAPE</source>
        <translation>回测 WAPE</translation>
    </message>
    <message>
        <source>base rate</source>
        <translation>基准率</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>baseline mae</source>
        <translation>基线 MAE</translation>
    </message>
    <message>
        <source>baseline mse</source>
        <translation>基线 MSE</translation>
    </message>
    <message>
        <source>beats baseline</source>
        <translation>优于基线</translation>
    </message>
    <message>
        <source>by silhouette (2 to 8)</source>
        <translation>按轮廓系数（2 到 8）</translation>
    </message>
    <message>
        <source>by the customer&apos;s created_at</source>
        <translation>按客户的创建时间</translation>
    </message>
    <message>
        <source>calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>campaign id</source>
        <translation>营销活动 ID</translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>campaigns with holdout</source>
        <translation>含对照组的营销活动</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>category Dormant</source>
        <translation>类别：休眠</translation>
    </message>
    <message>
        <source>category High value</source>
        <translation>类别：高价值</translation>
    </message>
    <message>
        <source>category Occasional</source>
        <translation>类别：偶尔购买</translation>
    </message>
    <message>
        <source>category Prospect</source>
        <translation>类别：潜在客户</translation>
    </message>
    <message>
        <source>category Regular</source>
        <translation>类别：常客</translation>
    </message>
    <message>
        <source>chi2</source>
        <translation>卡方值</translation>
    </message>
    <message>
        <source>chi2 test</source>
        <translation>卡方检验</translation>
    </message>
    <message>
        <source>chosen model</source>
        <translation>选用的模型</translation>
    </message>
    <message>
        <source>churn</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>churn period days</source>
        <translation>流失统计天数</translation>
    </message>
    <message>
        <source>churn probability</source>
        <translation>流失概率</translation>
    </message>
    <message>
        <source>churn rate</source>
        <translation>流失率</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>clusters</source>
        <translation>簇数</translation>
    </message>
    <message>
        <source>clv</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>complaint_count</source>
        <translation>投诉次数</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>consequent</source>
        <translation>后项</translation>
    </message>
    <message>
        <source>consequent ids</source>
        <translation>后项 ID</translation>
    </message>
    <message>
        <source>conversion ci high</source>
        <translation>转化率置信区间上限</translation>
    </message>
    <message>
        <source>conversion ci low</source>
        <translation>转化率置信区间下限</translation>
    </message>
    <message>
        <source>conversion lift</source>
        <translation>转化提升</translation>
    </message>
    <message>
        <source>conversion p</source>
        <translation>转化 p 值</translation>
    </message>
    <message>
        <source>conversion rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>conversions</source>
        <translation>转化数</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>cost per conversion</source>
        <translation>单次转化成本</translation>
    </message>
    <message>
        <source>cost per response</source>
        <translation>单次响应成本</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>cramers v</source>
        <translation>Cramér&apos;s V</translation>
    </message>
    <message>
        <source>csat</source>
        <translation>满意度 (CSAT)</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <source>customer ids</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <source>customer value</source>
        <translation>客户价值</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>customers measured</source>
        <translation>参与测量的客户数</translation>
    </message>
    <message>
        <source>customers with suggestions</source>
        <translation>有推荐的客户数</translation>
    </message>
    <message>
        <source>customers without email</source>
        <translation>没有邮箱的客户数</translation>
    </message>
    <message>
        <source>customers without phone</source>
        <translation>没有电话的客户数</translation>
    </message>
    <message>
        <source>customers&apos; needs</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <source>customers: churned</source>
        <translation>客户：已流失</translation>
    </message>
    <message>
        <source>customers: customer</source>
        <translation>客户：客户</translation>
    </message>
    <message>
        <source>customers: lead</source>
        <translation>客户：线索</translation>
    </message>
    <message>
        <source>customers: prospect</source>
        <translation>客户：潜在客户</translation>
    </message>
    <message>
        <source>cutoff</source>
        <translation>截止点</translation>
    </message>
    <message>
        <source>cv folds</source>
        <translation>交叉验证折数</translation>
    </message>
    <message>
        <source>days_since_interaction</source>
        <translation>距上次联系天数</translation>
    </message>
    <message>
        <source>dbscan</source>
        <translation>DBSCAN</translation>
    </message>
    <message>
        <source>decision_tree</source>
        <translation>决策树</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>detractor</source>
        <translation>贬损者</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>discount rate annual %</source>
        <translation>年折现率 %</translation>
    </message>
    <message>
        <source>discount rate monthly %</source>
        <translation>月折现率 %</translation>
    </message>
    <message>
        <source>dof</source>
        <translation>自由度</translation>
    </message>
    <message>
        <source>duplicate (email)</source>
        <translation>重复（邮箱）</translation>
    </message>
    <message>
        <source>duplicate (name+company)</source>
        <translation>重复（姓名+公司）</translation>
    </message>
    <message>
        <source>duplicate (phone)</source>
        <translation>重复（电话）</translation>
    </message>
    <message>
        <source>duplicate customers</source>
        <translation>重复客户数</translation>
    </message>
    <message>
        <source>duplicate groups</source>
        <translation>重复组数</translation>
    </message>
    <message>
        <source>email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>eps (k-distance knee)</source>
        <translation>eps（k 距离拐点）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>期望值</translation>
    </message>
    <message>
        <source>expected purchases</source>
        <translation>预期购买次数</translation>
    </message>
    <message>
        <source>expected value</source>
        <translation>预期价值</translation>
    </message>
    <message>
        <source>f score</source>
        <translation>F 评分</translation>
    </message>
    <message>
        <source>no (table larger than 2x2)</source>
        <translation>否（表格大于 2x2）</translation>
    </message>
    <message>
        <source>% of customers</source>
        <translation>客户占比 (%)</translation>
    </message>
    <message>
        <source>% of revenue</source>
        <translation>收入占比 (%)</translation>
    </message>
    <message>
        <source>RFM segments: who is in each</source>
        <translation>RFM 分群：各分群有哪些客户</translation>
    </message>
    <message>
        <source>Segments: who is in each</source>
        <translation>分群：各分群有哪些客户</translation>
    </message>
    <message>
        <source>Share of revenue per segment (%)</source>
        <translation>各分群的收入占比 (%)</translation>
    </message>
    <message>
        <source>band</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>campaigns with costs in other currencies (no ROI)</source>
        <translation>成本为其他币种的营销活动（无投资回报率）</translation>
    </message>
    <message>
        <source>currency of the amounts</source>
        <translation>金额币种</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>customers buying only in other currencies (left out)</source>
        <translation>只用其他币种购买的客户（未计入）</translation>
    </message>
    <message>
        <source>deals in other currencies (left out)</source>
        <translation>其他币种的商机（未计入）</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>fields checked</source>
        <translation>检查的字段</translation>
    </message>
    <message>
        <source>fields with missing</source>
        <translation>有缺失的字段数</translation>
    </message>
    <message>
        <source>fitted on</source>
        <translation>拟合样本数</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>flagged share</source>
        <translation>标记占比</translation>
    </message>
    <message>
        <source>fm score</source>
        <translation>FM 评分</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频度</translation>
    </message>
    <message>
        <source>from probability</source>
        <translation>来自概率</translation>
    </message>
    <message>
        <source>gap_vs_usual</source>
        <translation>与平时的差距</translation>
    </message>
    <message>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>growth</source>
        <translation>增长</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>holdout</source>
        <translation>留出组</translation>
    </message>
    <message>
        <source>holdout trained on</source>
        <translation>留出组训练样本数</translation>
    </message>
    <message>
        <source>horizon days</source>
        <translation>预测天数</translation>
    </message>
    <message>
        <source>horizon months</source>
        <translation>预测月数</translation>
    </message>
    <message>
        <source>improvement</source>
        <translation>改进</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>interaction_count</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <source>intercept</source>
        <translation>截距</translation>
    </message>
    <message>
        <source>invalid emails</source>
        <translation>无效邮箱数</translation>
    </message>
    <message>
        <source>invalid phones</source>
        <translation>无效电话数</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>k-means</source>
        <translation>k-means</translation>
    </message>
    <message>
        <source>kmeans</source>
        <translation>k-means</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>lead_source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>likely unhappy</source>
        <translation>可能不满意</translation>
    </message>
    <message>
        <source>log likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>logistic</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>low expected cells</source>
        <translation>期望频数过低的单元格</translation>
    </message>
    <message>
        <source>loyal customers</source>
        <translation>忠诚客户数</translation>
    </message>
    <message>
        <source>loyal definition</source>
        <translation>忠诚定义</translation>
    </message>
    <message>
        <source>loyalty index</source>
        <translation>忠诚度指数</translation>
    </message>
    <message>
        <source>m score</source>
        <translation>M 评分</translation>
    </message>
    <message>
        <source>matched rules</source>
        <translation>匹配的规则</translation>
    </message>
    <message>
        <source>mean MAE</source>
        <translation>平均 MAE</translation>
    </message>
    <message>
        <source>mean MSE</source>
        <translation>平均 MSE</translation>
    </message>
    <message>
        <source>mean clv</source>
        <translation>平均客户终身价值</translation>
    </message>
    <message>
        <source>mean p alive</source>
        <translation>平均存活概率</translation>
    </message>
    <message>
        <source>mean satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <source>mean score</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <source>mean simple clv</source>
        <translation>平均简易客户终身价值</translation>
    </message>
    <message>
        <source>mean_satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <source>median frequency</source>
        <translation>频次中位数</translation>
    </message>
    <message>
        <source>median order value</source>
        <translation>订单额中位数</translation>
    </message>
    <message>
        <source>median recency days</source>
        <translation>距上次下单天数中位数</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>members</source>
        <translation>成员数</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>min confidence</source>
        <translation>最低置信度</translation>
    </message>
    <message>
        <source>min samples</source>
        <translation>最少样本数</translation>
    </message>
    <message>
        <source>min support</source>
        <translation>最低支持度</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>missing email</source>
        <translation>缺少邮箱</translation>
    </message>
    <message>
        <source>missing phone</source>
        <translation>缺少电话</translation>
    </message>
    <message>
        <source>missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>mix_shift</source>
        <translation>品类结构变化</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>model MAE</source>
        <translation>模型 MAE</translation>
    </message>
    <message>
        <source>model MSE</source>
        <translation>模型 MSE</translation>
    </message>
    <message>
        <source>model mae</source>
        <translation>模型 MAE</translation>
    </message>
    <message>
        <source>model mse</source>
        <translation>模型 MSE</translation>
    </message>
    <message>
        <source>monetary</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>monetary value</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>n/a (more than 2 classes)</source>
        <translation>不适用（超过 2 个类别）</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>name, email, phone, city, country, industry, owner, lead_source</source>
        <translation>名称、邮箱、电话、城市、国家/地区、行业、负责人、线索来源</translation>
    </message>
    <message>
        <source>needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>next_products</source>
        <translation>推荐产品</translation>
    </message>
    <message>
        <source>nmf</source>
        <translation>NMF</translation>
    </message>
    <message>
        <source>no (the model&apos;s defaults)</source>
        <translation>否（模型默认值）</translation>
    </message>
    <message>
        <source>no: only the dropout per purchase a/(a+b) is meaningful</source>
        <translation>否：只有每次购买后的流失率 a/(a+b) 有意义</translation>
    </message>
    <message>
        <source>noise customers</source>
        <translation>噪声客户数</translation>
    </message>
    <message>
        <source>noise share</source>
        <translation>噪声占比</translation>
    </message>
    <message>
        <source>nps</source>
        <translation>净推荐值</translation>
    </message>
    <message>
        <source>nps baseline mse</source>
        <translation>净推荐值基线 MSE</translation>
    </message>
    <message>
        <source>nps beats baseline</source>
        <translation>净推荐值优于基线</translation>
    </message>
    <message>
        <source>nps group accuracy</source>
        <translation>净推荐分组准确率</translation>
    </message>
    <message>
        <source>nps group baseline accuracy</source>
        <translation>净推荐分组基线准确率</translation>
    </message>
    <message>
        <source>nps model mse</source>
        <translation>净推荐值模型 MSE</translation>
    </message>
    <message>
        <source>nps_group</source>
        <translation>净推荐分组</translation>
    </message>
    <message>
        <source>nps_score</source>
        <translation>净推荐评分</translation>
    </message>
    <message>
        <source>open amount</source>
        <translation>进行中金额</translation>
    </message>
    <message>
        <source>open deals</source>
        <translation>进行中商机</translation>
    </message>
    <message>
        <source>open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <source>opened at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>opportunity id</source>
        <translation>商机 ID</translation>
    </message>
    <message>
        <source>order_size_drop</source>
        <translation>订单金额下降</translation>
    </message>
    <message>
        <source>order_size_rise</source>
        <translation>订单金额上升</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>orders in &gt;= 2 of the last 4 quarters</source>
        <translation>最近 4 个季度中至少 2 个季度有订单</translation>
    </message>
    <message>
        <source>orders in other currencies (left out)</source>
        <translation>其他币种的订单（未计入）</translation>
    </message>
    <message>
        <source>orders with 2+ products</source>
        <translation>含 2 个以上产品的订单</translation>
    </message>
    <message>
        <source>orders_recent</source>
        <translation>近期订单数</translation>
    </message>
    <message>
        <source>over time</source>
        <translation>随时间变化</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>overdue deals</source>
        <translation>逾期商机</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>p alive</source>
        <translation>存活概率</translation>
    </message>
    <message>
        <source>p value</source>
        <translation>p 值</translation>
    </message>
    <message>
        <source>passive</source>
        <translation>被动者</translation>
    </message>
    <message>
        <source>pc1</source>
        <translation>PC1</translation>
    </message>
    <message>
        <source>pc2</source>
        <translation>PC2</translation>
    </message>
    <message>
        <source>period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>product pairs</source>
        <translation>产品组合数</translation>
    </message>
    <message>
        <source>projected 3 months</source>
        <translation>未来 3 个月预测</translation>
    </message>
    <message>
        <source>promoter</source>
        <translation>推荐者</translation>
    </message>
    <message>
        <source>propensity</source>
        <translation>购买倾向</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>r score</source>
        <translation>R 评分</translation>
    </message>
    <message>
        <source>random_forest</source>
        <translation>随机森林</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>reason gap vs usual</source>
        <translation>原因：与平时的差距</translation>
    </message>
    <message>
        <source>reason key</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <source>reason mix shift</source>
        <translation>原因：品类结构变化</translation>
    </message>
    <message>
        <source>reason order size drop</source>
        <translation>原因：订单金额下降</translation>
    </message>
    <message>
        <source>reason order size rise</source>
        <translation>原因：订单金额上升</translation>
    </message>
    <message>
        <source>reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>recency</source>
        <translation>近度</translation>
    </message>
    <message>
        <source>recency_days</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>response ci high</source>
        <translation>响应率置信区间上限</translation>
    </message>
    <message>
        <source>response ci low</source>
        <translation>响应率置信区间下限</translation>
    </message>
    <message>
        <source>response lift</source>
        <translation>响应提升</translation>
    </message>
    <message>
        <source>response lift significant</source>
        <translation>响应提升显著</translation>
    </message>
    <message>
        <source>response p</source>
        <translation>响应 p 值</translation>
    </message>
    <message>
        <source>response rate</source>
        <translation>响应率</translation>
    </message>
    <message>
        <source>responses</source>
        <translation>响应数</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>revenue 12m</source>
        <translation>近 12 个月收入</translation>
    </message>
    <message>
        <source>revenue growth</source>
        <translation>收入增长</translation>
    </message>
    <message>
        <source>rfm</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>rfm code</source>
        <translation>RFM 代码</translation>
    </message>
    <message>
        <source>rfm score</source>
        <translation>RFM 评分</translation>
    </message>
    <message>
        <source>risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>roc auc</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>roi</source>
        <translation>投资回报率</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>rule set</source>
        <translation>规则集</translation>
    </message>
    <message>
        <source>rule_score</source>
        <translation>规则评分</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>sales cycle mean days</source>
        <translation>平均销售周期天数</translation>
    </message>
    <message>
        <source>sales cycle median days</source>
        <translation>销售周期中位天数</translation>
    </message>
    <message>
        <source>sampled from</source>
        <translation>抽样总体</translation>
    </message>
    <message>
        <source>satisfaction_risk</source>
        <translation>满意度风险</translation>
    </message>
    <message>
        <source>score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>segment chi2</source>
        <translation>分群卡方值</translation>
    </message>
    <message>
        <source>segment p</source>
        <translation>分群 p 值</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>分群数</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>share customers</source>
        <translation>客户占比</translation>
    </message>
    <message>
        <source>share of paid orders holding every product of the rule</source>
        <translation>包含该规则全部产品的已付款订单占比</translation>
    </message>
    <message>
        <source>share revenue</source>
        <translation>收入占比</translation>
    </message>
    <message>
        <source>sigmoid (Platt), 3-fold</source>
        <translation>Sigmoid（Platt），3 折</translation>
    </message>
    <message>
        <source>silhouette</source>
        <translation>轮廓系数</translation>
    </message>
    <message>
        <source>silhouette k=2</source>
        <translation>轮廓系数 k=2</translation>
    </message>
    <message>
        <source>silhouette k=3</source>
        <translation>轮廓系数 k=3</translation>
    </message>
    <message>
        <source>silhouette k=4</source>
        <translation>轮廓系数 k=4</translation>
    </message>
    <message>
        <source>silhouette k=5</source>
        <translation>轮廓系数 k=5</translation>
    </message>
    <message>
        <source>silhouette k=6</source>
        <translation>轮廓系数 k=6</translation>
    </message>
    <message>
        <source>simple clv</source>
        <translation>简易客户终身价值</translation>
    </message>
    <message>
        <source>size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>sla first response</source>
        <translation>SLA 首次响应</translation>
    </message>
    <message>
        <source>sla resolution</source>
        <translation>SLA 解决</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>stage probability</source>
        <translation>阶段概率</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>support</source>
        <translation>支持度</translation>
    </message>
    <message>
        <source>svm</source>
        <translation>支持向量机 (SVM)</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>tenure_days</source>
        <translation>成为客户天数</translation>
    </message>
    <message>
        <source>test period from</source>
        <translation>测试期开始于</translation>
    </message>
    <message>
        <source>tested on</source>
        <translation>测试样本数</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>theme name</source>
        <translation>主题名称</translation>
    </message>
    <message>
        <source>themes</source>
        <translation>主题数</translation>
    </message>
    <message>
        <source>themes chosen</source>
        <translation>选定的主题数</translation>
    </message>
    <message>
        <source>ticket id</source>
        <translation>工单 ID</translation>
    </message>
    <message>
        <source>ticket_count</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>tickets (subject + body)</source>
        <translation>工单（主题 + 正文）</translation>
    </message>
    <message>
        <source>top lift</source>
        <translation>最高提升度</translation>
    </message>
    <message>
        <source>top terms</source>
        <translation>高频词</translation>
    </message>
    <message>
        <source>total clv</source>
        <translation>客户终身价值总计</translation>
    </message>
    <message>
        <source>trained on</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>trend (projected)</source>
        <translation>趋势（预测）</translation>
    </message>
    <message>
        <source>trend r2</source>
        <translation>趋势 R²</translation>
    </message>
    <message>
        <source>trend slope per month</source>
        <translation>每月趋势斜率</translation>
    </message>
    <message>
        <source>true \ predicted</source>
        <translation>实际 \ 预测</translation>
    </message>
    <message>
        <source>tuned</source>
        <translation>已调优</translation>
    </message>
    <message>
        <source>unhappy at</source>
        <translation>不满意阈值</translation>
    </message>
    <message>
        <source>upper</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>value score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>value_score</source>
        <translation>价值评分</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周数</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>加权</translation>
    </message>
    <message>
        <source>weighted amount</source>
        <translation>加权金额</translation>
    </message>
    <message>
        <source>weighted forecast</source>
        <translation>加权预测</translation>
    </message>
    <message>
        <source>weighted pipeline</source>
        <translation>加权销售管道</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>win model</source>
        <translation>赢单模型</translation>
    </message>
    <message>
        <source>win probability</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>win rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <source>winprob</source>
        <translation>赢单概率</translation>
    </message>
    <message>
        <source>yates correction</source>
        <translation>Yates 校正</translation>
    </message>
    <message>
        <source>yes (2x2 table)</source>
        <translation>是（2x2 表格）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>crm-desktop</source>
        <translation>crm-desktop</translation>
    </message>
    <message>
        <source>Cannot open the database:
{0}</source>
        <translation>无法打开数据库：
{0}</translation>
    </message>
    <message>
        <source>Opening database</source>
        <translation>正在打开数据库</translation>
    </message>
    <message>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
</context>
<context>
    <name>chart_hover</name>
    <message>
        <source>row %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢单</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation>已续约</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Targeted</source>
        <translation>已设为目标</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已响应</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>线下活动</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷品</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
</context>
<context>
    <name>customer_actions</name>
    <message>
        <source>Schedule follow-up</source>
        <translation>安排跟进</translation>
    </message>
    <message>
        <source>Log activity</source>
        <translation>记录活动</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>新建商机</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Stay in touch every {0} days</source>
        <translation>每 {0} 天联系一次</translation>
    </message>
    <message>
        <source>Stop stay-in-touch</source>
        <translation>停止定期联系</translation>
    </message>
</context>
<context>
    <name>customers</name>
    <message>
        <source>Lead</source>
        <translation>线索</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>People</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>{0}+ stars</source>
        <translation>{0} 星及以上</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Rebuilding the search index</source>
        <translation>正在重建搜索索引</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Load demo data?</source>
        <translation>加载演示数据？</translation>
    </message>
    <message>
        <source>This database is empty. Load {0:,} demo customers with three years of orders, opportunities, tickets and campaigns to try crm-desktop?</source>
        <translation>此数据库是空的。要加载 {0:,} 个演示客户（含三年的订单、商机、工单和营销活动）来试用 crm-desktop 吗？</translation>
    </message>
    <message>
        <source>Load demo data</source>
        <translation>加载演示数据</translation>
    </message>
    <message>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Generating demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Generating demo data</source>
        <translation>正在生成演示数据</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Create customer {0}</source>
        <translation>新建客户 {0}</translation>
    </message>
    <message>
        <source>Edit customer {0}</source>
        <translation>编辑客户 {0}</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Quote number</source>
        <translation>报价单号</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>订单日期</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Bill to</source>
        <translation>付款方</translation>
    </message>
    <message>
        <source>Tax ID</source>
        <translation>税号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>品名及描述</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税额</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>No lines</source>
        <translation>无明细</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>a task needs a due date</source>
        <translation>任务需要截止日期</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>cannot be changed here</source>
        <translation>不能在此处修改</translation>
    </message>
    <message>
        <source>must be one of {0}</source>
        <translation>必须是以下之一：{0}</translation>
    </message>
    <message>
        <source>is not a field of a campaign</source>
        <translation>不是营销活动的字段</translation>
    </message>
    <message>
        <source>ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>must be at least 0 and below 1 (e.g. 0.1)</source>
        <translation>必须大于等于 0 且小于 1（例如 0.1）</translation>
    </message>
    <message>
        <source>select the members first</source>
        <translation>请先选择成员</translation>
    </message>
    <message>
        <source>{0} is {1:,} bytes; a logo may have at most {2:,}</source>
        <translation>{0} 大小为 {1:,} 字节；徽标最多 {2:,} 字节</translation>
    </message>
    <message>
        <source>{0} is not a PNG, JPEG, GIF or BMP image</source>
        <translation>{0} 不是 PNG、JPEG、GIF 或 BMP 图片</translation>
    </message>
    <message>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>is not part of the company profile</source>
        <translation>不属于公司资料</translation>
    </message>
    <message>
        <source>is {0} characters long; at most {1}</source>
        <translation>长度为 {0} 个字符；最多 {1} 个</translation>
    </message>
    <message>
        <source>is not a field of the customer form</source>
        <translation>不是客户表单的字段</translation>
    </message>
    <message>
        <source>is too long ({0} characters; at most {1})</source>
        <translation>太长（{0} 个字符；最多 {1} 个）</translation>
    </message>
    <message>
        <source>use a two-letter code such as US</source>
        <translation>请使用两个字母的代码，例如 CN</translation>
    </message>
    <message>
        <source>{0!r} is not a web address (such as example.com)</source>
        <translation>{0!r} 不是网址（例如 example.com）</translation>
    </message>
    <message>
        <source>is too long (at most {0} characters)</source>
        <translation>太长（最多 {0} 个字符）</translation>
    </message>
    <message>
        <source>cannot be in the future</source>
        <translation>不能是将来的日期</translation>
    </message>
    <message>
        <source>must be pairs of a field name and a value</source>
        <translation>必须是字段名与值的配对</translation>
    </message>
    <message>
        <source>the value {0!r} has no field name</source>
        <translation>值 {0!r} 没有字段名</translation>
    </message>
    <message>
        <source>the field name {0!r} is too long (at most {1} characters)</source>
        <translation>字段名 {0!r} 太长（最多 {1} 个字符）</translation>
    </message>
    <message>
        <source>the value of {0!r} is too long (at most {1} characters)</source>
        <translation>{0!r} 的值太长（最多 {1} 个字符）</translation>
    </message>
    <message>
        <source>the field {0!r} appears twice</source>
        <translation>字段 {0!r} 出现了两次</translation>
    </message>
    <message>
        <source>{0!r} is not a currency code (three letters such as USD, EUR or CNY)</source>
        <translation>{0!r} 不是币种代码（三个字母，例如 USD、EUR 或 CNY）</translation>
    </message>
    <message>
        <source>must be between 0 and 100 %</source>
        <translation>必须介于 0 和 100 % 之间</translation>
    </message>
    <message>
        <source>{0} is before {1}</source>
        <translation>{0} 早于 {1}</translation>
    </message>
    <message>
        <source>{0!r}; one of {1}</source>
        <translation>{0!r}；应为以下之一：{1}</translation>
    </message>
    <message>
        <source>add at least one line</source>
        <translation>请至少添加一行</translation>
    </message>
    <message>
        <source>ticket {0} is already {1}</source>
        <translation>工单 {0} 已经是“{1}”状态</translation>
    </message>
    <message>
        <source>{0!r} is not a whole number of deals</source>
        <translation>{0!r} 不是整数个商机</translation>
    </message>
    <message>
        <source>give a money target, a number of deals, or both</source>
        <translation>请填写金额目标、商机数量，或两者都填</translation>
    </message>
    <message>
        <source>a target for {0} exists already</source>
        <translation>{0} 的目标已存在</translation>
    </message>
    <message>
        <source>{0!r}; use deals or orders</source>
        <translation>{0!r}；请使用 deals 或 orders</translation>
    </message>
    <message>
        <source>{0!r}; use model or stage</source>
        <translation>{0!r}；请使用 model 或 stage</translation>
    </message>
    <message>
        <source>the campaign has no target filter</source>
        <translation>该营销活动没有目标筛选</translation>
    </message>
    <message>
        <source>{0} is in the campaign&apos;s holdout (control group) and is not sent to</source>
        <translation>{0} 属于该营销活动的对照组，不会发送给此客户</translation>
    </message>
    <message>
        <source>must be person or company</source>
        <translation>必须是个人或公司</translation>
    </message>
    <message>
        <source>must be between 0 and 5</source>
        <translation>必须介于 0 和 5 之间</translation>
    </message>
    <message>
        <source>unknown kind {0!r}</source>
        <translation>未知类型 {0!r}</translation>
    </message>
    <message>
        <source>{0!r} is not yes or no</source>
        <translation>{0!r} 不是“是”或“否”</translation>
    </message>
    <message>
        <source>{0!r} is not a country (use e.g. US, CN)</source>
        <translation>{0!r} 不是国家/地区（请使用例如 US、CN）</translation>
    </message>
    <message>
        <source>is not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>必须是 JSON 对象</translation>
    </message>
    <message>
        <source>{0!r} is not a whole number</source>
        <translation>{0!r} 不是整数</translation>
    </message>
    <message>
        <source>{0!r} is not between {1} and {2}</source>
        <translation>{0!r} 不在 {1} 和 {2} 之间</translation>
    </message>
    <message>
        <source>{0!r} is not one of {1}</source>
        <translation>{0!r} 不是以下之一：{1}</translation>
    </message>
    <message>
        <source>cannot merge a customer with itself</source>
        <translation>不能将客户与其自身合并</translation>
    </message>
    <message>
        <source>cannot choose {0!r} for {1}</source>
        <translation>不能为 {1} 选择 {0!r}</translation>
    </message>
    <message>
        <source>is not a stage of this opportunity&apos;s pipeline</source>
        <translation>不是此商机所在销售管道的阶段</translation>
    </message>
    <message>
        <source>say why the opportunity was {0}</source>
        <translation>请说明商机 {0} 的原因</translation>
    </message>
    <message>
        <source>{0} has moved to another stage since</source>
        <translation>{0} 此后已移到其他阶段</translation>
    </message>
    <message>
        <source>the pipeline has no {0} stage</source>
        <translation>销售管道没有 {0} 阶段</translation>
    </message>
    <message>
        <source>{0} has no field {1!r}</source>
        <translation>{0} 没有字段 {1!r}</translation>
    </message>
    <message>
        <source>unknown operator {0!r}</source>
        <translation>未知运算符 {0!r}</translation>
    </message>
    <message>
        <source>{0} rows cannot go to the trash</source>
        <translation>{0} 的记录不能移到回收站</translation>
    </message>
    <message>
        <source>must be a number between 0 and 1</source>
        <translation>必须是 0 到 1 之间的数字</translation>
    </message>
    <message>
        <source>must be between 0 and 1</source>
        <translation>必须介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>a customer cannot be linked to itself</source>
        <translation>客户不能与自身关联</translation>
    </message>
    <message>
        <source>these two customers are already linked as {0}</source>
        <translation>这两位客户已关联为“{0}”</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>order {0} is not the quote&apos;s order</source>
        <translation>订单 {0} 不是此报价单的订单</translation>
    </message>
    <message>
        <source>another {0} has this {1} (in the trash)</source>
        <translation>另一个{0}已使用此{1}（在回收站中）</translation>
    </message>
    <message>
        <source>another {0} has this {1}</source>
        <translation>另一个{0}已使用此{1}</translation>
    </message>
    <message>
        <source>a ticket needs a customer</source>
        <translation>工单需要一位客户</translation>
    </message>
    <message>
        <source>must be between 1 and 5</source>
        <translation>必须介于 1 和 5 之间</translation>
    </message>
    <message>
        <source>{0!r} is not a period; use month or quarter</source>
        <translation>{0!r} 不是周期；请使用 month 或 quarter</translation>
    </message>
    <message>
        <source>{0!r} is not a period: write a month as 2026-12 or a quarter as 2026-Q4</source>
        <translation>{0!r} 不是周期：月份写作 2026-12，季度写作 2026-Q4</translation>
    </message>
    <message>
        <source>unknown period kind {0!r}</source>
        <translation>未知周期类型 {0!r}</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>{0!r} is not a valid email address ({1})</source>
        <translation>{0!r} 不是有效的电子邮件地址（{1}）</translation>
    </message>
    <message>
        <source>{0!r} is not a phone number ({1})</source>
        <translation>{0!r} 不是电话号码（{1}）</translation>
    </message>
    <message>
        <source>{0!r} {1}</source>
        <translation>{0!r} {1}</translation>
    </message>
    <message>
        <source>{0!r} is not a date (expected e.g. 2024-03-31)</source>
        <translation>{0!r} 不是日期（应为例如 2024-03-31）</translation>
    </message>
    <message>
        <source>{0!r} is not an amount of money</source>
        <translation>{0!r} 不是金额</translation>
    </message>
    <message>
        <source>{0!r} is not a percentage</source>
        <translation>{0!r} 不是百分比</translation>
    </message>
    <message>
        <source>{0!r} is not a number</source>
        <translation>{0!r} 不是数字</translation>
    </message>
    <message>
        <source>must be between {0} and {1}</source>
        <translation>必须介于 {0} 和 {1} 之间</translation>
    </message>
    <message>
        <source>must be at least {0}</source>
        <translation>必须至少为 {0}</translation>
    </message>
    <message>
        <source>is required without a product</source>
        <translation>没有选择产品时为必填项</translation>
    </message>
    <message>
        <source>the name cannot be empty</source>
        <translation>名字不能为空</translation>
    </message>
    <message>
        <source>the name is longer than {0} characters</source>
        <translation>名字超过 {0} 个字符</translation>
    </message>
    <message>
        <source>the name contains control characters</source>
        <translation>名字包含控制字符</translation>
    </message>
    <message>
        <source>choose at least one customer</source>
        <translation>请至少选择一位客户</translation>
    </message>
    <message>
        <source>give one tag (no commas)</source>
        <translation>请给出一个标签（不含逗号）</translation>
    </message>
    <message>
        <source>{0!r} is suggested to no customer (run the &apos;basket&apos; analysis and apply it first)</source>
        <translation>没有向任何客户建议 {0!r}（请先运行“basket”分析并应用）</translation>
    </message>
    <message>
        <source>{0} is suggested to no customer</source>
        <translation>没有向任何客户建议 {0}</translation>
    </message>
    <message>
        <source>No segment chosen</source>
        <translation>未选择分群</translation>
    </message>
    <message>
        <source>A segment name has at most {0} characters (this one has {1})</source>
        <translation>分群名称最多 {0} 个字符（此名称有 {1} 个）</translation>
    </message>
    <message>
        <source>Another segment is already called {0!r}</source>
        <translation>已有另一个分群叫 {0!r}</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Customer external ID</source>
        <translation>客户外部 ID</translation>
    </message>
    <message>
        <source>Customer email</source>
        <translation>客户邮箱</translation>
    </message>
    <message>
        <source>Customer phone</source>
        <translation>客户电话</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Kind (person/company)</source>
        <translation>类型（个人/公司）</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Role at company</source>
        <translation>在公司中的角色</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Email (primary)</source>
        <translation>电子邮件（主要）</translation>
    </message>
    <message>
        <source>Email label</source>
        <translation>电子邮件标签</translation>
    </message>
    <message>
        <source>Email (work)</source>
        <translation>电子邮件（工作）</translation>
    </message>
    <message>
        <source>Email (home)</source>
        <translation>电子邮件（家庭）</translation>
    </message>
    <message>
        <source>Email (other)</source>
        <translation>电子邮件（其他）</translation>
    </message>
    <message>
        <source>Phone (primary)</source>
        <translation>电话（主要）</translation>
    </message>
    <message>
        <source>Phone label</source>
        <translation>电话标签</translation>
    </message>
    <message>
        <source>Phone (work)</source>
        <translation>电话（工作）</translation>
    </message>
    <message>
        <source>Phone (home)</source>
        <translation>电话（家庭）</translation>
    </message>
    <message>
        <source>Phone (mobile)</source>
        <translation>电话（手机）</translation>
    </message>
    <message>
        <source>Phone (other)</source>
        <translation>电话（其他）</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>State / region</source>
        <translation>省/州/地区</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Lead source</source>
        <translation>线索来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Churned at</source>
        <translation>流失时间</translation>
    </message>
    <message>
        <source>Rating (0-5)</source>
        <translation>评级 (0-5)</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>External ID</source>
        <translation>外部 ID</translation>
    </message>
    <message>
        <source>UUID (recognises re-imported rows)</source>
        <translation>UUID（用于识别重复导入的行）</translation>
    </message>
    <message>
        <source>Stay in touch every (days)</source>
        <translation>保持联系间隔（天）</translation>
    </message>
    <message>
        <source>Custom fields (JSON)</source>
        <translation>自定义字段 (JSON)</translation>
    </message>
    <message>
        <source>Custom field (column name)</source>
        <translation>自定义字段（列名）</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Opportunity name</source>
        <translation>商机名称</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计成交</translation>
    </message>
    <message>
        <source>Probability %</source>
        <translation>概率 %</translation>
    </message>
    <message>
        <source>Close reason</source>
        <translation>成交/丢单原因</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>First response at</source>
        <translation>首次响应时间</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Satisfaction (1-5)</source>
        <translation>满意度 (1-5)</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>graph</name>
    <message>
        <source>Loading relationships</source>
        <translation>正在加载关系</translation>
    </message>
    <message>
        <source>Preparing the view</source>
        <translation>正在准备视图</translation>
    </message>
</context>
<context>
    <name>influence</name>
    <message>
        <source>Influence not computed yet (open the relationship graph)</source>
        <translation>尚未计算影响力（请打开关系图）</translation>
    </message>
    <message>
        <source>No relationships</source>
        <translation>没有关系</translation>
    </message>
    <message>
        <source>Influence rank {0:,} of {1:,}</source>
        <translation>影响力排名 {0:,} / {1:,}</translation>
    </message>
    <message>
        <source>community {0} ({1:,} people)</source>
        <translation>社群 {0}（{1:,} 人）</translation>
    </message>
</context>
<context>
    <name>insights</name>
    <message>
        <source>no order for %Ln days</source>
        <translation>已 %Ln 天未下单</translation>
    </message>
    <message>
        <source>%Ln orders in all</source>
        <translation>累计 %Ln 笔订单</translation>
    </message>
    <message>
        <source>spent {0} in all</source>
        <translation>累计消费 {0}</translation>
    </message>
    <message>
        <source>orders of {0} on average</source>
        <translation>平均每单 {0}</translation>
    </message>
    <message>
        <source>a customer for %Ln days</source>
        <translation>成为客户已 %Ln 天</translation>
    </message>
    <message>
        <source>%Ln orders in the last {1} days</source>
        <translation>最近 {1} 天内 %Ln 笔订单</translation>
    </message>
    <message>
        <source>%Ln support tickets</source>
        <translation>%Ln 个支持工单</translation>
    </message>
    <message>
        <source>%Ln complaints</source>
        <translation>%Ln 次投诉</translation>
    </message>
    <message>
        <source>rated service {0} of {1}</source>
        <translation>服务评分 {0}/{1}</translation>
    </message>
    <message>
        <source>%Ln calls, meetings or e-mails</source>
        <translation>%Ln 次电话、会议或邮件</translation>
    </message>
    <message>
        <source>not contacted for %Ln days</source>
        <translation>已 %Ln 天未联系</translation>
    </message>
    <message>
        <source>answered {0} of {1} in a survey</source>
        <translation>调查中回答 {0}/{1}</translation>
    </message>
    <message>
        <source>bought %Ln items of the category</source>
        <translation>购买过该品类 %Ln 件商品</translation>
    </message>
    <message>
        <source>spent {0} on the category</source>
        <translation>在该品类消费 {0}</translation>
    </message>
    <message>
        <source>nothing of the category for %Ln days</source>
        <translation>已 %Ln 天未购买该品类</translation>
    </message>
    <message>
        <source>a deal of {0}</source>
        <translation>一个 {0} 的商机</translation>
    </message>
    <message>
        <source>at stage {0} of the pipeline</source>
        <translation>处于销售流程的第 {0} 阶段</translation>
    </message>
    <message>
        <source>a stage that wins {0}% of deals</source>
        <translation>该阶段的赢单率为 {0}%</translation>
    </message>
    <message>
        <source>%Ln deals won with them before</source>
        <translation>此前已与其成交 %Ln 个商机</translation>
    </message>
    <message>
        <source>they had spent {0} before the deal</source>
        <translation>成交前已消费 {0}</translation>
    </message>
    <message>
        <source>came through {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <source>handled by {0}</source>
        <translation>负责人：{0}</translation>
    </message>
    <message>
        <source>came from a campaign</source>
        <translation>来自营销活动</translation>
    </message>
    <message>
        <source>did not come from a campaign</source>
        <translation>并非来自营销活动</translation>
    </message>
    <message>
        <source>never ordered</source>
        <translation>从未下单</translation>
    </message>
    <message>
        <source>never rated the service</source>
        <translation>从未给服务评分</translation>
    </message>
    <message>
        <source>never contacted</source>
        <translation>从未联系过</translation>
    </message>
    <message>
        <source>never answered a survey</source>
        <translation>从未回答调查</translation>
    </message>
    <message>
        <source>never bought from the category</source>
        <translation>从未购买该品类</translation>
    </message>
    <message>
        <source>no lead source recorded</source>
        <translation>未记录线索来源</translation>
    </message>
    <message>
        <source>nobody handles the deal</source>
        <translation>没有人负责该商机</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0} unknown</source>
        <translation>{0} 未知</translation>
    </message>
    <message>
        <source>how long ago they last ordered</source>
        <translation>距上次下单多久</translation>
    </message>
    <message>
        <source>how many orders they placed</source>
        <translation>下单次数</translation>
    </message>
    <message>
        <source>how much they spent</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>the size of their orders</source>
        <translation>订单金额大小</translation>
    </message>
    <message>
        <source>how long they have been a customer</source>
        <translation>成为客户多久</translation>
    </message>
    <message>
        <source>recent orders</source>
        <translation>近期订单</translation>
    </message>
    <message>
        <source>support tickets</source>
        <translation>支持工单</translation>
    </message>
    <message>
        <source>complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>how they rated the service</source>
        <translation>服务评分</translation>
    </message>
    <message>
        <source>how often we were in touch</source>
        <translation>联系频率</translation>
    </message>
    <message>
        <source>how long ago we were last in touch</source>
        <translation>距上次联系多久</translation>
    </message>
    <message>
        <source>their survey answers</source>
        <translation>调查回答</translation>
    </message>
    <message>
        <source>what they bought of the category</source>
        <translation>在该品类购买了什么</translation>
    </message>
    <message>
        <source>what they spent on the category</source>
        <translation>在该品类的消费</translation>
    </message>
    <message>
        <source>how long ago they bought from the category</source>
        <translation>距上次购买该品类多久</translation>
    </message>
    <message>
        <source>the deal&apos;s amount</source>
        <translation>商机金额</translation>
    </message>
    <message>
        <source>how far the deal has come</source>
        <translation>商机进展程度</translation>
    </message>
    <message>
        <source>the deal&apos;s stage</source>
        <translation>商机阶段</translation>
    </message>
    <message>
        <source>deals won with them before</source>
        <translation>以前与其赢得的商机</translation>
    </message>
    <message>
        <source>what they had spent before</source>
        <translation>以前的消费</translation>
    </message>
    <message>
        <source>where the deal came from</source>
        <translation>商机来源</translation>
    </message>
    <message>
        <source>who handles the deal</source>
        <translation>商机负责人</translation>
    </message>
    <message>
        <source>coming from a campaign</source>
        <translation>来自营销活动</translation>
    </message>
    <message>
        <source>not coming from a campaign</source>
        <translation>并非来自营销活动</translation>
    </message>
    <message>
        <source>never having ordered</source>
        <translation>从未下单</translation>
    </message>
    <message>
        <source>no service rating</source>
        <translation>没有服务评分</translation>
    </message>
    <message>
        <source>never having been contacted</source>
        <translation>从未被联系过</translation>
    </message>
    <message>
        <source>no survey answer</source>
        <translation>没有调查回答</translation>
    </message>
    <message>
        <source>never having bought from the category</source>
        <translation>从未购买该品类</translation>
    </message>
    <message>
        <source>no lead source</source>
        <translation>没有线索来源</translation>
    </message>
    <message>
        <source>nobody handling the deal</source>
        <translation>没有人负责该商机</translation>
    </message>
    <message>
        <source>other facts</source>
        <translation>其他情况</translation>
    </message>
    <message>
        <source>missing facts</source>
        <translation>缺失的信息</translation>
    </message>
    <message>
        <source>Unusual customers</source>
        <translation>异常客户</translation>
    </message>
    <message>
        <source>Not buying yet</source>
        <translation>尚未购买</translation>
    </message>
    <message>
        <source>New this quarter</source>
        <translation>本季度新客户</translation>
    </message>
    <message>
        <source>One-time buyers</source>
        <translation>一次性购买客户</translation>
    </message>
    <message>
        <source>Lapsed, used to buy often</source>
        <translation>已流失，曾经常购买</translation>
    </message>
    <message>
        <source>Lapsed big spenders</source>
        <translation>已流失的高消费客户</translation>
    </message>
    <message>
        <source>Lapsed occasional buyers</source>
        <translation>已流失的偶尔购买客户</translation>
    </message>
    <message>
        <source>Frequent high spenders</source>
        <translation>高频高消费客户</translation>
    </message>
    <message>
        <source>Frequent buyers</source>
        <translation>高频购买客户</translation>
    </message>
    <message>
        <source>Big-ticket buyers</source>
        <translation>大额购买客户</translation>
    </message>
    <message>
        <source>Occasional small buyers</source>
        <translation>偶尔小额购买客户</translation>
    </message>
    <message>
        <source>Regular customers</source>
        <translation>老顾客</translation>
    </message>
    <message>
        <source>Valuable, cooling off</source>
        <translation>高价值，正在变冷淡</translation>
    </message>
    <message>
        <source>Cooling off</source>
        <translation>正在变冷淡</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>ranks the right one of two customers first about {0} times in 10 (5 is guessing)</source>
        <translation>在两位客户中把正确的一位排在前面，约每 10 次有 {0} 次（5 次即等于瞎猜）</translation>
    </message>
    <message>
        <source>right on about {0} of 10 customers it has not seen</source>
        <translation>对未见过的客户，每 10 位约猜对 {0} 位</translation>
    </message>
    <message>
        <source>right on about {0} of 10 customers it has not seen (always guessing the commonest: {1} of 10)</source>
        <translation>对未见过的客户，每 10 位约猜对 {0} 位（总是猜最常见的一类：10 位中对 {1} 位）</translation>
    </message>
    <message>
        <source>groups separated {0} on a scale from -1 to 1</source>
        <translation>分组区分度为 {0}（范围 -1 到 1）</translation>
    </message>
    <message>
        <source>agrees with the other grouping {0}% beyond chance</source>
        <translation>与另一种分组的一致程度比随机高 {0}%</translation>
    </message>
    <message>
        <source>explains {0}% of the variation</source>
        <translation>解释了 {0}% 的差异</translation>
    </message>
    <message>
        <source>worse than always predicting the average</source>
        <translation>不如始终预测平均值</translation>
    </message>
    <message>
        <source>errors {0}% smaller than a plain guess</source>
        <translation>误差比简单估计小 {0}%</translation>
    </message>
    <message>
        <source>errors {0}% larger than a plain guess</source>
        <translation>误差比简单估计大 {0}%</translation>
    </message>
    <message>
        <source>off by about {0}%</source>
        <translation>误差约 {0}%</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>no better than guessing</source>
        <translation>不比瞎猜好</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Model quality: {0}, {1}.</source>
        <translation>模型质量：{0}，{1}。</translation>
    </message>
    <message>
        <source>%Ln customers ({1}) are likely to stop buying within {2} days.</source>
        <translation>%Ln 位客户（{1}）可能在 {2} 天内停止购买。</translation>
    </message>
    <message>
        <source>No customer is more likely than not to stop buying within {0} days; about {1} of them may stop.</source>
        <translation>没有客户在 {0} 天内停止购买的可能性超过一半；其中约 {1} 位可能会停止购买。</translation>
    </message>
    <message>
        <source>They spent {0} in the last year.</source>
        <translation>他们在过去一年消费了 {0}。</translation>
    </message>
    <message>
        <source>The strongest signs are {0} and {1}.</source>
        <translation>最明显的迹象是{0}和{1}。</translation>
    </message>
    <message>
        <source>The strongest sign is {0}.</source>
        <translation>最明显的迹象是{0}。</translation>
    </message>
    <message>
        <source>%Ln customers ({1}) are likely to buy within {2} days.</source>
        <translation>%Ln 位客户（{1}）可能在 {2} 天内购买。</translation>
    </message>
    <message>
        <source>%Ln customers ({1}) are likely to buy from “{3}” within {2} days.</source>
        <translation>%Ln 位客户（{1}）可能在 {2} 天内购买“{3}”。</translation>
    </message>
    <message>
        <source>About {0} customers are expected to buy; {1} did in the same length of time before.</source>
        <translation>预计约有 {0} 位客户会购买；之前同样时长内有 {1} 位购买。</translation>
    </message>
    <message>
        <source>Your %Ln customers fall into {1} groups.</source>
        <translation>您的 %Ln 位客户分为 {1} 个群组。</translation>
    </message>
    <message>
        <source>The largest is “{0}” with {1} of customers.</source>
        <translation>最大的是“{0}”，占客户的 {1}。</translation>
    </message>
    <message>
        <source>“{0}” brings {1} of revenue from {2} of customers.</source>
        <translation>“{0}”以 {2} 的客户带来了 {1} 的收入。</translation>
    </message>
    <message>
        <source>Your %Ln customers are worth about {1} over the next {2} months.</source>
        <translation>您的 %Ln 位客户在未来 {2} 个月内价值约 {1}。</translation>
    </message>
    <message>
        <source>The top {0} of customers hold {1} of that value.</source>
        <translation>排名前 {0} 的客户占该价值的 {1}。</translation>
    </message>
    <message>
        <source>%Ln customers ({1}) have probably stopped buying.</source>
        <translation>%Ln 位客户（{1}）可能已停止购买。</translation>
    </message>
    <message>
        <source>%Ln open deals are worth {1}; about {2} of it is expected to be won.</source>
        <translation>%Ln 个进行中的商机价值 {1}；预计可赢得约 {2}。</translation>
    </message>
    <message>
        <source>%Ln deals worth {1} are likely to be won.</source>
        <translation>%Ln 个商机（价值 {1}）很可能赢单。</translation>
    </message>
    <message>
        <source>Of the deals closed so far, {0} were won.</source>
        <translation>在目前已结束的商机中，赢单 {0}。</translation>
    </message>
    <message>
        <source>Amounts are in {1}: %Ln orders in other currencies were left out.</source>
        <translation>金额以 {1} 计：其他币种的 %Ln 笔订单未计入。</translation>
    </message>
    <message>
        <source>%Ln customers who bought only in other currencies are not counted.</source>
        <translation>%Ln 位只用其他币种购买的客户未计入。</translation>
    </message>
    <message>
        <source>Amounts are in {1}: %Ln deals in other currencies were left out.</source>
        <translation>金额以 {1} 计：其他币种的 %Ln 个商机未计入。</translation>
    </message>
    <message>
        <source>%Ln campaigns with costs in other currencies show no cost, revenue or ROI (amounts are in {1}).</source>
        <translation>%Ln 个成本为其他币种的营销活动不显示成本、收入和投资回报率（金额以 {1} 计）。</translation>
    </message>
    <message>
        <source>How well the model ranks: the chance it scores a customer who did it above one who did not (0.5 = guessing, 1 = perfect).</source>
        <translation>模型排序的准确程度：它给做了此事的客户打分高于没做的客户的概率（0.5 = 瞎猜，1 = 完美）。</translation>
    </message>
    <message>
        <source>Share of customers whose class the model got right in cross-validation.</source>
        <translation>在交叉验证中模型判断对类别的客户比例。</translation>
    </message>
    <message>
        <source>Share of customers who did it in the period the model learned from.</source>
        <translation>在模型学习的时间段内做了此事的客户比例。</translation>
    </message>
    <message>
        <source>How many customers or deals the model learned from.</source>
        <translation>模型学习所用的客户或商机数量。</translation>
    </message>
    <message>
        <source>How many it was tested on, none of them seen while learning.</source>
        <translation>用于测试的数量，学习时都未见过。</translation>
    </message>
    <message>
        <source>There were this many: the model learned from a sample of them that keeps the share who did it; every customer is scored.</source>
        <translation>共有这么多：模型从中抽取保持相同比例的样本学习；每位客户都会得到评分。</translation>
    </message>
    <message>
        <source>How the quality was measured: on customers or a period the model had not seen.</source>
        <translation>质量的衡量方式：使用模型未见过的客户或时间段。</translation>
    </message>
    <message>
        <source>The prediction looks this many days ahead.</source>
        <translation>预测向后看的天数。</translation>
    </message>
    <message>
        <source>The date the prediction is made from (the last order).</source>
        <translation>预测的起算日期（最近一次订单）。</translation>
    </message>
    <message>
        <source>The model that ranked best on the test, used for the scores.</source>
        <translation>在测试中排序最好、用于打分的模型。</translation>
    </message>
    <message>
        <source>How well separated the groups are, from -1 to 1 (above 0.5: clearly apart).</source>
        <translation>各组之间的区分程度，范围 -1 到 1（高于 0.5：明显分开）。</translation>
    </message>
    <message>
        <source>Number of groups the method chose.</source>
        <translation>该方法选出的分组数量。</translation>
    </message>
    <message>
        <source>How much the groups agree with the RFM segments (0 = chance, 1 = the same).</source>
        <translation>各组与 RFM 客户分群的一致程度（0 = 随机，1 = 完全相同）。</translation>
    </message>
    <message>
        <source>Share of the differences between customers the PCA picture shows.</source>
        <translation>PCA 图所显示的客户间差异的比例。</translation>
    </message>
    <message>
        <source>A fitted parameter of the buying-frequency model (BG/NBD); read by analysts.</source>
        <translation>购买频率模型（BG/NBD）的拟合参数；供分析人员参考。</translation>
    </message>
    <message>
        <source>A fitted parameter of the order-value model (Gamma-Gamma); read by analysts.</source>
        <translation>订单金额模型（Gamma-Gamma）的拟合参数；供分析人员参考。</translation>
    </message>
    <message>
        <source>Future value counts less by this rate per year.</source>
        <translation>未来价值每年按此比率折减。</translation>
    </message>
    <message>
        <source>Average squared error of the probabilities (0 = perfect).</source>
        <translation>概率的平均平方误差（0 = 完美）。</translation>
    </message>
    <message>
        <source>Average error of the monthly forecast in the back-test.</source>
        <translation>回测中月度预测的平均误差。</translation>
    </message>
    <message>
        <source>The model&apos;s starting point before any customer fact (log-odds).</source>
        <translation>在考虑任何客户信息之前模型的起点（对数几率）。</translation>
    </message>
    <message>
        <source>How well the fitted model matches the orders (higher is better); read by analysts.</source>
        <translation>拟合模型与订单的吻合程度（越高越好）；供分析人员参考。</translation>
    </message>
    <message>
        <source>How many customers the result covers.</source>
        <translation>结果涵盖的客户数量。</translation>
    </message>
    <message>
        <source>Average chance that a customer is still buying.</source>
        <translation>客户仍在购买的平均概率。</translation>
    </message>
    <message>
        <source>Open amounts weighted by their chance of being won.</source>
        <translation>按赢单概率加权的未结金额。</translation>
    </message>
    <message>
        <source>likely to stop buying ({0} risk), worth {1}</source>
        <translation>可能停止购买（风险 {0}），价值 {1}</translation>
    </message>
    <message>
        <source>follow-up due today: {0}</source>
        <translation>今天需跟进：{0}</translation>
    </message>
    <message>
        <source>follow-up overdue by %Ln days: {1}</source>
        <translation>跟进已逾期 %Ln 天：{1}</translation>
    </message>
    <message>
        <source>no contact for %Ln days (stay in touch every {1} days)</source>
        <translation>已 %Ln 天未联系（约定每 {1} 天联系一次）</translation>
    </message>
    <message>
        <source>never contacted (stay in touch every {0} days)</source>
        <translation>从未联系过（每 {0} 天保持联系）</translation>
    </message>
    <message>
        <source>deal “{1}” ({2}) closes in %Ln days, no activity for {3} days</source>
        <translation>商机“{1}”（{2}）将在 %Ln 天后截止，已 {3} 天无活动</translation>
    </message>
    <message>
        <source>deal “{1}” ({2}) was due to close %Ln days ago</source>
        <translation>商机“{1}”（{2}）已逾期 %Ln 天未成交</translation>
    </message>
    <message>
        <source>unresolved complaint, open for %Ln days: {1}</source>
        <translation>未解决的投诉，已开启 %Ln 天：{1}</translation>
    </message>
    <message>
        <source>open ticket likely to leave them unhappy, open for %Ln days: {1}</source>
        <translation>可能令客户不满的未结工单，已开启 %Ln 天：{1}</translation>
    </message>
    <message>
        <source>could buy next: {0}</source>
        <translation>接下来可能购买：{0}</translation>
    </message>
    <message>
        <source>High risk</source>
        <translation>高风险</translation>
    </message>
    <message>
        <source>Medium risk</source>
        <translation>中风险</translation>
    </message>
    <message>
        <source>Low risk</source>
        <translation>低风险</translation>
    </message>
    <message>
        <source>Likely</source>
        <translation>很可能</translation>
    </message>
    <message>
        <source>Possible</source>
        <translation>有可能</translation>
    </message>
    <message>
        <source>Unlikely</source>
        <translation>不太可能</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <source>Quotes &amp; Orders</source>
        <translation>报价与订单</translation>
    </message>
    <message>
        <source>Targets &amp; reports</source>
        <translation>目标与报表</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Relationship graph</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>print</name>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese (中文)</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>&amp;Print / PDF</source>
        <translation>打印 / PDF(&amp;P)</translation>
    </message>
    <message>
        <source>Print or save as PDF</source>
        <translation>打印或保存为 PDF</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Print %1 (%2)…</source>
        <translation>打印%1（%2）…</translation>
    </message>
    <message>
        <source>Open %1 to print (%2)…</source>
        <translation>打开%1以打印（%2）…</translation>
    </message>
    <message>
        <source>Save %1 as PDF (%2)…</source>
        <translation>将%1保存为 PDF（%2）…</translation>
    </message>
    <message>
        <source>Company details…</source>
        <translation>公司信息…</translation>
    </message>
    <message>
        <source>The document could not be printed</source>
        <translation>无法打印该单据</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be made</source>
        <translation>无法生成 PDF</translation>
    </message>
    <message>
        <source>Company details</source>
        <translation>公司信息</translation>
    </message>
</context>
<context>
    <name>regions</name>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>relationships</name>
    <message>
        <source>Colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>家人</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>合作伙伴</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>汇报给</translation>
    </message>
    <message>
        <source>Friend</source>
        <translation>朋友</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Product category</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Deals won</source>
        <translation>赢单数</translation>
    </message>
    <message>
        <source>Deals lost</source>
        <translation>输单数</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>赢单率</translation>
    </message>
    <message>
        <source>Won amount</source>
        <translation>赢单金额</translation>
    </message>
    <message>
        <source>Average deal</source>
        <translation>平均单额</translation>
    </message>
    <message>
        <source>Sales cycle (days, mean)</source>
        <translation>销售周期（天，平均值）</translation>
    </message>
    <message>
        <source>Sales cycle (days, median)</source>
        <translation>销售周期（天，中位数）</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>去年</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>Last quarter</source>
        <translation>上季度</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
</context>
<context>
    <name>screen</name>
    <message>
        <source>Wrong passphrase.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>targets</name>
    <message>
        <source>Whole business</source>
        <translation>整个业务</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Sold so far in the period</source>
        <translation>本期已售</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>达成</translation>
    </message>
    <message>
        <source>Share of the target sold so far</source>
        <translation>已售占目标的比例</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Share of the period gone</source>
        <translation>已过期间的比例</translation>
    </message>
    <message>
        <source>On pace</source>
        <translation>按当前速度</translation>
    </message>
    <message>
        <source>What the period ends with if sales go on at this pace</source>
        <translation>如果销售保持这个速度，期末将达到的数额</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>销售管道</translation>
    </message>
    <message>
        <source>Open deals expected to close by the period&apos;s end, weighted by their chance of being won</source>
        <translation>预计在期末前成交的未结商机，按赢单可能性加权</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>商机</translation>
    </message>
    <message>
        <source>Deals won (of the target&apos;s number, when it has one)</source>
        <translation>已赢商机（目标有数量时，占目标数量的比例）</translation>
    </message>
    <message>
        <source>{0} · {1}: {2} of {3} ({4})</source>
        <translation>{0} · {1}：{2} / {3}（{4}）</translation>
    </message>
    <message>
        <source>weighted pipeline {0}</source>
        <translation>加权销售管道 {0}</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>Edit {0}</source>
        <translation>编辑 {0}</translation>
    </message>
</context>
</TS>
