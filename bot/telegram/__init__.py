"""Talking to people: the command handlers and the transports (Telegram, console) behind them."""
