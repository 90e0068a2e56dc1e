"""chipshock.api"""
