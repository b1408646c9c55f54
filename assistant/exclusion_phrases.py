"""How shoppers rule a brand out ("not {b}", "anything but {b}"): phrase templates shared by two readers.

The rule parser reads its exclusion cues from these templates (`rules.EXCLUDE_CUES`) and the
dialogue generator writes training messages with them (`training.phrases.TRAIN_BANK`), so the
two agree on what counts as an exclusion. `{b}` stands for a brand.
"""

EXCLUDE_BRAND_SEARCH = (
    "not {b}", "no {b}", "but not {b}", "except {b}", "without {b}", "anything but {b}", "other than {b}",
    "not from {b}", "don't want {b}", "minus {b}", "except for {b}", "no {b} stuff", "not by {b}",
    "not a fan of {b}", "keep away from {b}", "don't show {b}", "not interested in {b}", "filter out {b}",
    "rule out {b}", "but no {b}", "anything not by {b}", "without any {b}", "apart from {b}", "besides {b}",
    "no {b} products", "i don't like {b}", "except the {b} ones", "{b} excluded", "no {b} please",
    "nothing by {b}", "leave {b} out", "not any {b}", "{b} not wanted", "hold the {b}", "just not {b}",
    "but skip the {b} stuff", "ignore {b}", "no products from {b}", "steer clear of {b}", "never {b}",
    "anything except {b}",
)
EXCLUDE_BRAND_REFINE = (
    "not {b}", "no {b}", "no {b} please", "i don't like {b}", "skip {b}", "not {b} please",
    "anything but {b}", "drop {b}", "exclude {b}", "without {b}", "hate {b}", "no more {b}",
    "without {b} please", "not from {b}", "anything except {b}", "not a fan of {b}", "keep {b} out",
    "don't show me {b}", "no {b} at all", "filter out {b}", "rule out {b}", "i don't want {b}",
    "stop showing {b}", "no {b} ones", "lose the {b} ones", "forget {b}", "not {b}, thanks",
    "{b} is not for me", "exclude the {b} ones", "ban {b}", "get rid of {b}", "{b} no thanks",
    "no {b} stuff please", "take {b} off the list", "i'd rather not have {b}", "nix {b}",
    "throw out {b}", "not those {b} ones", "{b} isn't my thing", "avoid the {b} stuff",
    "don't want anything from {b}", "ignore {b}", "steer clear of {b}", "minus the {b} ones",
    "everything except {b}", "can you drop {b}", "pass on {b}", "never {b}", "i dislike {b}",
    "no {b} thank you", "kick out {b}", "doesn't need {b}", "don't need {b}", "does not need {b}",
)
