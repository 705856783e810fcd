// JavaRegex
