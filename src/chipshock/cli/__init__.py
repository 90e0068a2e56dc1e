"""chipshock.cli"""
