"""How often the LM writer's prompt repeats on shopper conversations: what a kept reply decode saves.

    .venv/bin/python bench/reply_prompts.py --artifacts ARTIFACTS_RULES [--shop demo]

Replays the development half of the shopper set (bench/data/shoppers/; the final half stays unread): every
dialogue, then every single message after its context, through the rule parser, in order, and writes down the
prompt the LM writer would get for each reply it would write (`assistant/lm/format.py` `reply_prompt`: kind,
result count, names of the active constraints). A prompt seen before is one `ReplyMemo`
(assistant/lm/reply_memo.py) replays without a forward pass. The rule parser stands in for the model's
reading, so no model is loaded; the prompts hold no values either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import build_config  # noqa: E402
from assistant.lm.format import active_slots, reply_prompt  # noqa: E402
from assistant.lm.reply_phrases import LM_REPLY_KINDS  # noqa: E402
from assistant.loop import Assistant  # noqa: E402
from assistant.types import SEARCH_KINDS  # noqa: E402

SETS = Path(__file__).resolve().parent / "data" / "shoppers"


def conversations(shop: str, part: str):
    """Each conversation's messages, dialogues first."""
    for line in (SETS / f"{shop}-dialogues-{part}.jsonl").read_text(encoding="utf-8").splitlines():
        yield [turn["user"] for turn in json.loads(line)["turns"]]
    for line in (SETS / f"{shop}-singles-{part}.jsonl").read_text(encoding="utf-8").splitlines():
        single = json.loads(line)
        yield [*single.get("context", []), single["message"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", required=True, help="a build (the rules preset needs no model)")
    parser.add_argument("--shop", default="demo")
    args = parser.parse_args()
    bot = Assistant.load(args.artifacts, build_config("rules", None))
    seen: set[str] = set()
    replies = replayed = 0
    for messages in conversations(args.shop, "dev"):
        session = bot.new_session()
        for message in messages:
            reply = bot.respond(session, message)
            kind = reply.intent.kind
            if kind not in LM_REPLY_KINDS:
                continue
            slots = active_slots(session) if kind in SEARCH_KINDS else ()
            prompt = reply_prompt(kind, len(reply.products), slots, reply.intent.cheaper)
            replies += 1
            replayed += prompt in seen
            seen.add(prompt)
    print(json.dumps({"shop": args.shop, "part": "dev", "lm_written_replies": replies,
                      "distinct_prompts": len(seen), "replayed": replayed,
                      "replayed_share": round(replayed / max(replies, 1), 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
