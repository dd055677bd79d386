"""taxonomy: eight capabilities vendors sell that the first list lacked, the phrases they take over, and mining

Data only, no schema change. Inserts advanced process control, generative-AI assistants, drone inspection,
ML/AutoML platforms, time-series anomaly detection, RPA, service robots and patrol robots (both languages,
synonyms and ambiguous cues as in seeds/taxonomy.json) into databases that lack them, each after its
group's last capability; and takes the phrases that now name one of them out of the coarse capability that
held them (drones and patrol robots were AGVs, APC was process optimisation), so a drone vendor stops
matching forklift scenarios. Mining becomes an industry of its own (under city and resources; 煤矿 was
an energy synonym). Rows an admin already added under the same code are left alone. Downgrade
removes the eight rows unless a listing uses them, and puts the phrases back.

Revision ID: 3b9e1c7d5a20
Revises: 07c4ce5e763c
Create Date: 2026-12-03 20:40:00

"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "3b9e1c7d5a20"
down_revision = "f3a1c5d9e8b2"
branch_labels = None
depends_on = None

NEW_CAPABILITIES = json.loads(r"""[
 {
  "code": "advanced-process-control",
  "name_zh": "先进过程控制/回路整定",
  "name_en": "Advanced process control & loop tuning",
  "parent": "decision",
  "synonyms_zh": [
   "先进过程控制",
   "先进控制",
   "APC",
   "模型预测控制",
   "MPC",
   "多变量控制",
   "多变量预测控制",
   "过程控制",
   "闭环控制",
   "PID整定",
   "PID参数整定",
   "回路整定",
   "控制回路",
   "回路自整定",
   "控制回路性能",
   "卡边操作",
   "卡边控制",
   "平稳率",
   "自控率",
   "投自动",
   "手动操作多",
   "频繁手动干预",
   "人工盯盘",
   "盯盘",
   "操作员盯屏",
   "操作工手动调节",
   "阀门手动调节",
   "控制器参数",
   "液位波动",
   "温度波动大",
   "压力波动",
   "控制品质",
   "DCS优化",
   "实时优化",
   "RTO",
   "软测量",
   "软仪表"
  ],
  "synonyms_en": [
   "advanced process control",
   "apc",
   "model predictive control",
   "mpc",
   "multivariable control",
   "multivariable predictive control",
   "process control",
   "closed-loop control",
   "closed loop control",
   "loop tuning",
   "pid tuning",
   "pid loop",
   "pid loops",
   "pid controller",
   "control loops",
   "control loop performance",
   "controller tuning",
   "real-time optimization",
   "rto",
   "soft sensor",
   "soft sensors",
   "inferential sensor",
   "operators adjust valves by hand",
   "manual mode",
   "operators in manual",
   "setpoint changes",
   "setpoint",
   "oscillating loops",
   "overshoot",
   "process variability",
   "dcs tuning",
   "autopilot for the plant"
  ],
  "weak_zh": [
   "控制",
   "波动",
   "设定值",
   "阀门",
   "自动控制",
   "调节阀",
   "超调",
   "振荡"
  ],
  "weak_en": [
   "control",
   "controller",
   "valve",
   "fluctuation",
   "oscillation",
   "stability",
   "reinforcement learning"
  ]
 },
 {
  "code": "generative-ai-assistant",
  "name_zh": "大模型助手/生成式AI问答",
  "name_en": "Generative AI assistants & knowledge Q&A",
  "parent": "language",
  "synonyms_zh": [
   "大模型",
   "大语言模型",
   "生成式AI",
   "生成式人工智能",
   "AIGC",
   "智能体",
   "AI智能体",
   "AI助手",
   "智能助手",
   "AI助理",
   "数字员工",
   "copilot",
   "行业大模型",
   "垂直大模型",
   "私有化大模型",
   "大模型私有化部署",
   "本地部署大模型",
   "大模型知识库",
   "知识问答",
   "智能问答",
   "问答助手",
   "检索增强",
   "检索增强生成",
   "RAG",
   "提示词",
   "自动写报告",
   "自动生成报告",
   "报告生成",
   "写材料",
   "写公文",
   "公文写作",
   "文案生成",
   "自动生成文案",
   "写周报",
   "自动摘要",
   "文档摘要",
   "总结归纳",
   "对话式查询",
   "用自然语言查询",
   "问数",
   "智能问数",
   "代码生成",
   "写代码",
   "ChatGPT",
   "DeepSeek",
   "通义",
   "文心",
   "GPT"
  ],
  "synonyms_en": [
   "large language model",
   "large language models",
   "llm",
   "llms",
   "generative ai",
   "genai",
   "gen ai",
   "chatgpt",
   "gpt",
   "copilot",
   "ai assistant",
   "ai assistants",
   "ai agent",
   "ai agents",
   "agentic",
   "retrieval-augmented generation",
   "retrieval augmented generation",
   "rag",
   "knowledge assistant",
   "question answering",
   "q&a assistant",
   "ask questions in plain language",
   "natural language questions",
   "chat with documents",
   "chat with your data",
   "fine-tuning",
   "fine-tuned",
   "foundation model",
   "foundation models",
   "private llm",
   "on-premise llm",
   "report generation",
   "draft reports",
   "drafting reports",
   "write reports",
   "content generation",
   "generate content",
   "code generation",
   "text-to-sql"
  ],
  "weak_zh": [
   "问答",
   "生成",
   "助手",
   "对话"
  ],
  "weak_en": [
   "assistant",
   "chat",
   "generate",
   "drafting",
   "questions",
   "answers",
   "summarise",
   "summarize",
   "summaries",
   "embedding",
   "embeddings",
   "transformer"
  ]
 },
 {
  "code": "drone-inspection",
  "name_zh": "无人机巡检/航拍测绘",
  "name_en": "Drone inspection & aerial survey",
  "parent": "autonomy",
  "synonyms_zh": [
   "无人机巡检",
   "无人机巡线",
   "无人机自主巡检",
   "无人机航拍",
   "航拍",
   "无人机测绘",
   "倾斜摄影",
   "无人机机场",
   "无人机机巢",
   "机巢",
   "自动机场",
   "无人机喷洒",
   "植保无人机",
   "无人机植保",
   "飞手",
   "无人机",
   "多旋翼",
   "固定翼",
   "航测",
   "低空经济",
   "低空巡查",
   "高空巡查",
   "爬塔",
   "登塔检查",
   "登高作业",
   "人工爬上去看",
   "高处人工检查",
   "输电线路巡检",
   "光伏板巡检",
   "风机叶片巡检",
   "桥梁巡检",
   "屋顶巡查",
   "烟囱检查",
   "储罐外壁检查"
  ],
  "synonyms_en": [
   "drone",
   "drones",
   "uav",
   "uavs",
   "unmanned aerial",
   "unmanned aerial vehicle",
   "drone inspection",
   "aerial inspection",
   "aerial survey",
   "aerial imagery",
   "aerial photography",
   "drone-in-a-box",
   "drone dock",
   "docking station",
   "photogrammetry",
   "oblique photography",
   "lidar survey",
   "beyond visual line of sight",
   "bvlos",
   "crop spraying",
   "climb towers",
   "climbing towers",
   "rope access",
   "work at height",
   "working at height",
   "power line inspection",
   "blade inspection",
   "roof inspection",
   "stack inspection",
   "flare stack"
  ],
  "weak_zh": [
   "高空",
   "航线",
   "巡线",
   "空中"
  ],
  "weak_en": [
   "aerial",
   "overhead",
   "tower",
   "towers",
   "height"
  ]
 },
 {
  "code": "ml-platform",
  "name_zh": "机器学习/AutoML平台",
  "name_en": "ML & AutoML platforms",
  "parent": "platforms",
  "synonyms_zh": [
   "机器学习平台",
   "AutoML",
   "自动机器学习",
   "自动建模",
   "低代码建模",
   "零代码建模",
   "无代码AI",
   "低代码AI",
   "AI开发平台",
   "AI中台",
   "模型训练平台",
   "模型开发平台",
   "建模平台",
   "数据科学平台",
   "MLOps",
   "模型管理",
   "模型部署",
   "模型监控",
   "模型上线",
   "算法平台",
   "算法仓库",
   "算法商城",
   "算法训练",
   "标注平台",
   "数据标注",
   "自己训练模型",
   "业务人员自己建模",
   "没有算法工程师",
   "缺少算法人员",
   "缺乏数据科学家",
   "特征工程",
   "模型迭代"
  ],
  "synonyms_en": [
   "machine learning platform",
   "ml platform",
   "automl",
   "automated machine learning",
   "auto ml",
   "mlops",
   "ml ops",
   "no-code ai",
   "low-code ai",
   "no-code machine learning",
   "low-code machine learning",
   "data science platform",
   "model training",
   "train models",
   "train their own models",
   "build their own models",
   "model deployment",
   "deploy models",
   "model management",
   "model monitoring",
   "model registry",
   "feature store",
   "feature engineering",
   "data labeling",
   "data labelling",
   "annotation platform",
   "labeling tool",
   "citizen data scientists",
   "no data scientists",
   "lack of data scientists",
   "without data scientists",
   "ai development platform",
   "end-to-end ml"
  ],
  "weak_zh": [
   "建模",
   "模型训练",
   "算法",
   "标注"
  ],
  "weak_en": [
   "models",
   "modeling",
   "modelling",
   "training",
   "algorithms",
   "labeling",
   "xgboost",
   "gradient boosting",
   "deep learning framework"
  ]
 },
 {
  "code": "timeseries-anomaly",
  "name_zh": "时序数据异常检测",
  "name_en": "Time-series anomaly detection on process & sensor data",
  "parent": "decision",
  "synonyms_zh": [
   "时序异常检测",
   "时序数据异常",
   "时间序列异常",
   "异常识别",
   "异常预警",
   "异常工况",
   "工况异常",
   "工况识别",
   "工况监测",
   "参数异常",
   "数据异常",
   "曲线异常",
   "趋势异常",
   "报警泛滥",
   "误报多",
   "报警太多",
   "阈值报警",
   "固定阈值",
   "阈值难设",
   "多变量监控",
   "多变量分析",
   "统计过程控制",
   "SPC",
   "过程监控",
   "过程异常",
   "早期异常",
   "偏离正常",
   "偏离基线",
   "基线漂移",
   "泄漏预警",
   "漏损",
   "管网漏损",
   "能耗异常",
   "用电异常",
   "用能异常",
   "历史曲线",
   "趋势曲线"
  ],
  "synonyms_en": [
   "time-series anomaly",
   "time series anomaly",
   "timeseries anomaly",
   "abnormal behaviour",
   "abnormal behavior",
   "abnormal conditions",
   "abnormal operating conditions",
   "deviation from normal",
   "deviations",
   "outlier detection",
   "alarm flood",
   "alarm floods",
   "nuisance alarms",
   "too many alarms",
   "false alarms",
   "static thresholds",
   "fixed thresholds",
   "threshold alarms",
   "multivariate monitoring",
   "statistical process control",
   "spc",
   "process monitoring",
   "sensor streams",
   "historian",
   "historian data",
   "pi system",
   "trend data",
   "signal drift",
   "leak detection",
   "water loss",
   "pressure drops",
   "unusual patterns"
  ],
  "weak_zh": [
   "异常",
   "报警",
   "告警",
   "阈值",
   "曲线",
   "波动",
   "异常检测",
   "传感器数据",
   "时序数据",
   "时间序列"
  ],
  "weak_en": [
   "alarms",
   "alerts",
   "thresholds",
   "trends",
   "patterns",
   "unusual",
   "abnormal",
   "anomaly detection",
   "anomalies",
   "anomalous",
   "early warning",
   "sensor data",
   "time series",
   "time-series",
   "outliers"
  ]
 },
 {
  "code": "rpa-document-automation",
  "name_zh": "RPA/流程自动化",
  "name_en": "RPA & document workflow automation",
  "parent": "platforms",
  "synonyms_zh": [
   "RPA",
   "机器人流程自动化",
   "流程自动化",
   "流程机器人",
   "软件机器人",
   "数字员工",
   "办公自动化",
   "自动填报",
   "自动录入",
   "重复录入",
   "重复性录入",
   "人工录入",
   "手工录入",
   "二次录入",
   "复制粘贴",
   "来回复制",
   "跨系统录入",
   "多个系统之间",
   "在多个系统",
   "对账",
   "自动对账",
   "人工对账",
   "核对数据",
   "报表汇总",
   "自动生成报表",
   "自动报表",
   "表单自动化",
   "流程挖掘",
   "财务机器人",
   "税务机器人",
   "发票处理",
   "单据处理",
   "订单录入",
   "智能文档处理",
   "IDP",
   "加班录入"
  ],
  "synonyms_en": [
   "rpa",
   "robotic process automation",
   "process automation",
   "workflow automation",
   "software robots",
   "software bots",
   "digital workers",
   "digital worker",
   "intelligent document processing",
   "idp",
   "document automation",
   "data entry",
   "manual data entry",
   "re-keying",
   "rekeying",
   "retyping",
   "copy and paste",
   "copy-paste",
   "swivel chair",
   "reconciliation",
   "reconcile",
   "invoice processing",
   "accounts payable",
   "order entry",
   "form filling",
   "fill in forms",
   "back-office",
   "back office",
   "repetitive tasks",
   "repetitive work",
   "manual processes",
   "process mining",
   "approval workflows",
   "automate reports"
  ],
  "weak_zh": [
   "录入",
   "填报",
   "报表",
   "表格",
   "流程",
   "工作流",
   "审批流程"
  ],
  "weak_en": [
   "forms",
   "spreadsheets",
   "paperwork",
   "clerical",
   "manual entry",
   "templates",
   "workflow",
   "between systems",
   "across systems"
  ]
 },
 {
  "code": "service-robots",
  "name_zh": "服务/配送机器人",
  "name_en": "Service & delivery robots",
  "parent": "autonomy",
  "synonyms_zh": [
   "服务机器人",
   "配送机器人",
   "送餐机器人",
   "送物机器人",
   "酒店机器人",
   "酒店配送",
   "送物到房",
   "送到客房",
   "送到房间",
   "送到病房",
   "医院物流机器人",
   "医用配送机器人",
   "楼宇配送",
   "室内配送",
   "无人配送",
   "清洁机器人",
   "清扫机器人",
   "洗地机器人",
   "消毒机器人",
   "迎宾机器人",
   "导览机器人",
   "讲解机器人",
   "接待机器人",
   "咨询机器人",
   "前台机器人",
   "陪伴机器人",
   "导诊机器人",
   "引导机器人",
   "乘梯",
   "自主乘梯",
   "梯控",
   "夜间无人",
   "夜班人手不够",
   "跑腿",
   "送药",
   "送标本",
   "送餐",
   "传菜",
   "端盘子",
   "人工送物",
   "住客要东西",
   "客人要东西",
   "前台一个人",
   "夜班前台",
   "夜间前台",
   "客房送物",
   "客房服务",
   "送物上楼",
   "来回跑楼层",
   "跑楼层",
   "服务员跑腿",
   "楼层之间来回",
   "送洗漱用品",
   "一次性用品",
   "外卖送上楼",
   "外卖进楼"
  ],
  "synonyms_en": [
   "service robot",
   "service robots",
   "delivery robot",
   "delivery robots",
   "hotel robot",
   "room delivery",
   "deliver to rooms",
   "bring items to rooms",
   "amenities to guests",
   "food delivery robot",
   "serving robot",
   "serving robots",
   "restaurant robot",
   "hospital delivery",
   "deliver medicines",
   "deliver specimens",
   "cleaning robot",
   "cleaning robots",
   "floor scrubbing",
   "disinfection robot",
   "reception robot",
   "concierge robot",
   "guide robot",
   "tour guide robot",
   "telepresence",
   "ride the elevator",
   "elevator integration",
   "overnight without staff",
   "runners",
   "porters",
   "last 100 meters",
   "indoor delivery",
   "guests ask for",
   "guest requests",
   "front desk alone",
   "night front desk",
   "night porter",
   "room service",
   "housekeeping runs",
   "run up to rooms",
   "walk up to rooms",
   "amenities",
   "toiletries",
   "deliver to guest rooms",
   "floors of the hotel",
   "carry items between floors"
  ],
  "weak_zh": [
   "机器人",
   "送到",
   "导览",
   "讲解",
   "楼层",
   "前台",
   "客房",
   "跑腿"
  ],
  "weak_en": [
   "robot",
   "robots",
   "deliver",
   "delivery",
   "guide",
   "fetch",
   "without staff",
   "night shift",
   "guests",
   "front desk",
   "floors",
   "errands"
  ]
 },
 {
  "code": "inspection-robots",
  "name_zh": "巡检机器人",
  "name_en": "Patrol & inspection robots",
  "parent": "autonomy",
  "synonyms_zh": [
   "巡检机器人",
   "智能巡检机器人",
   "轨道巡检机器人",
   "挂轨巡检机器人",
   "轮式巡检机器人",
   "四足机器人",
   "机器狗",
   "管廊巡检",
   "综合管廊",
   "变电站巡检",
   "配电房巡检",
   "机房巡检",
   "隧道巡检",
   "皮带巡检",
   "皮带机巡检",
   "廊道巡检",
   "煤矿巡检",
   "防爆巡检",
   "替代人工巡检",
   "人工巡检强度大",
   "巡检人员不足",
   "巡检不到位",
   "巡检路线",
   "巡检点位",
   "夜间巡检",
   "表计读数",
   "仪表读数",
   "读表",
   "抄表读数",
   "水下机器人",
   "ROV",
   "AUV",
   "管道机器人",
   "爬壁机器人",
   "爬行机器人"
  ],
  "synonyms_en": [
   "inspection robot",
   "inspection robots",
   "patrol robot",
   "patrol robots",
   "rail-mounted robot",
   "track-mounted robot",
   "wheeled robot",
   "quadruped",
   "quadruped robot",
   "robot dog",
   "spot robot",
   "autonomous inspection",
   "automated rounds",
   "operator rounds",
   "inspection rounds",
   "utility tunnel",
   "cable tunnel",
   "substation inspection",
   "conveyor inspection",
   "gauge reading",
   "meter reading",
   "read gauges",
   "crawler robot",
   "pipe crawler",
   "wall-climbing robot",
   "underwater robot",
   "rov",
   "auv",
   "explosion-proof robot"
  ],
  "weak_zh": [
   "巡检",
   "巡查",
   "巡视",
   "读数",
   "有毒有害环境",
   "高温高湿环境"
  ],
  "weak_en": [
   "patrol",
   "rounds",
   "inspection",
   "gauges",
   "hazardous areas",
   "confined spaces"
  ]
 }
]""")

NEW_INDUSTRIES = json.loads(r"""[
 {
  "code": "mining",
  "name_zh": "矿山/采矿",
  "name_en": "Mining",
  "parent": "city-and-resources",
  "synonyms_zh": [
   "矿山",
   "采矿",
   "煤矿",
   "金属矿",
   "露天矿",
   "井下",
   "矿井",
   "选矿",
   "选煤",
   "尾矿",
   "矿卡",
   "掘进",
   "综采"
  ],
  "synonyms_en": [
   "mine",
   "mines",
   "mining company",
   "open-pit",
   "open pit",
   "underground mine",
   "coal mine",
   "ore",
   "haul trucks",
   "mineral processing",
   "tailings"
  ],
  "weak_zh": [
   "矿"
  ],
  "weak_en": [
   "pit",
   "miners"
  ]
 }
]""")

MOVED_PHRASES = {
    "autonomous-mobile-robots": [
        "无人机巡检",
        "无人机巡线",
        "无人机自主巡检",
        "无人机",
        "drone",
        "uav",
        "配送机器人",
        "送餐机器人",
        "医院物流机器人",
        "清洁机器人",
        "巡检机器人",
        "智能巡检机器人",
        "轨道巡检机器人",
        "挂轨巡检机器人",
        "轮式巡检机器人",
        "四足机器人",
        "机器狗",
        "水下机器人",
        "ROV",
        "AUV",
    ],
    "process-optimization": ["先进控制", "APC", "过程控制", "闭环控制", "卡边操作", "软测量", "软仪表"],
}


def _table(name):
    return sa.table(
        name,
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("name_zh", sa.String),
        sa.column("name_en", sa.String),
        sa.column("synonyms_zh", sa.JSON),
        sa.column("synonyms_en", sa.JSON),
        sa.column("weak_zh", sa.JSON),
        sa.column("weak_en", sa.JSON),
        sa.column("position", sa.Integer),
        sa.column("parent_id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )


capability = sa.table(
    "capability",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("name_zh", sa.String),
    sa.column("name_en", sa.String),
    sa.column("synonyms_zh", sa.JSON),
    sa.column("synonyms_en", sa.JSON),
    sa.column("weak_zh", sa.JSON),
    sa.column("weak_en", sa.JSON),
    sa.column("position", sa.Integer),
    sa.column("parent_id", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
FIELDS = ("synonyms_zh", "synonyms_en", "weak_zh", "weak_en")


def _rows(conn, table=None):
    return {r.code: r for r in conn.execute(sa.select(table if table is not None else capability))}


def _insert(conn, table, entries, now):
    """Insert the entries a non-empty table lacks, each after its group's last child."""
    rows = _rows(conn, table)
    if not rows:
        return rows  # an empty database: `flask seed` loads the whole taxonomy
    for entry in entries:
        if entry["code"] in rows:
            continue
        parent = rows.get(entry["parent"])
        siblings = [r.position for r in rows.values() if parent is not None and r.parent_id == parent.id]
        position = max(siblings, default=max((r.position for r in rows.values()), default=0)) + 1
        conn.execute(
            sa.insert(table).values(
                code=entry["code"],
                name_zh=entry["name_zh"],
                name_en=entry["name_en"],
                synonyms_zh=entry["synonyms_zh"],
                synonyms_en=entry["synonyms_en"],
                weak_zh=entry["weak_zh"],
                weak_en=entry["weak_en"],
                position=position,
                parent_id=parent.id if parent is not None else None,
                created_at=now,
                updated_at=now,
            )
        )
        rows = _rows(conn, table)
    return rows


def upgrade():
    conn = op.get_bind()
    now = datetime.now(UTC)
    _insert(conn, _table("industry"), NEW_INDUSTRIES, now)
    rows = _rows(conn)
    if not rows:
        return
    for entry in NEW_CAPABILITIES:
        if entry["code"] in rows:
            continue
        parent = rows.get(entry["parent"])
        siblings = [r.position for r in rows.values() if parent is not None and r.parent_id == parent.id]
        position = max(siblings, default=max((r.position for r in rows.values()), default=0)) + 1
        conn.execute(
            sa.insert(capability).values(
                code=entry["code"],
                name_zh=entry["name_zh"],
                name_en=entry["name_en"],
                synonyms_zh=entry["synonyms_zh"],
                synonyms_en=entry["synonyms_en"],
                weak_zh=entry["weak_zh"],
                weak_en=entry["weak_en"],
                position=position,
                parent_id=parent.id if parent is not None else None,
                created_at=now,
                updated_at=now,
            )
        )
        rows = _rows(conn)
    for code, phrases in MOVED_PHRASES.items():
        row = rows.get(code)
        if row is None:
            continue
        values = {f: [p for p in (getattr(row, f) or []) if p not in phrases] for f in FIELDS}
        if any(values[f] != list(getattr(row, f) or []) for f in FIELDS):
            conn.execute(sa.update(capability).where(capability.c.id == row.id).values(updated_at=now, **values))


def downgrade():
    conn = op.get_bind()
    rows = _rows(conn)
    now = datetime.now(UTC)
    for code, phrases in MOVED_PHRASES.items():
        row = rows.get(code)
        if row is None:
            continue
        latin = [p for p in phrases if p.isascii()]
        zh = [p for p in phrases if not p.isascii()]
        conn.execute(
            sa.update(capability)
            .where(capability.c.id == row.id)
            .values(
                synonyms_zh=list(row.synonyms_zh or []) + [p for p in zh if p not in (row.synonyms_zh or [])],
                synonyms_en=list(row.synonyms_en or []) + [p for p in latin if p not in (row.synonyms_en or [])],
                updated_at=now,
            )
        )
    used = set()
    for table in ("scenario_capability", "vendor_capability"):
        used |= {r[0] for r in conn.execute(sa.text(f"SELECT DISTINCT capability_id FROM {table}"))}
    for entry in NEW_CAPABILITIES:
        row = rows.get(entry["code"])
        if row is not None and row.id not in used:
            conn.execute(sa.delete(capability).where(capability.c.id == row.id))
    industry = _table("industry")
    used = set()
    for sql in (
        "SELECT DISTINCT industry_id FROM scenario WHERE industry_id IS NOT NULL",
        "SELECT DISTINCT industry_id FROM vendor_industry",
    ):
        used |= {r[0] for r in conn.execute(sa.text(sql))}
    for code, row in _rows(conn, industry).items():
        if code in {e["code"] for e in NEW_INDUSTRIES} and row.id not in used:
            conn.execute(sa.delete(industry).where(industry.c.id == row.id))
