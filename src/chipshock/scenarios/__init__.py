"""chipshock.scenarios"""
