package client

import (
	"context"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/shared/api"
)

// Messages is the messages service's client.
type Messages struct{ NC *nats.Conn }

// Get returns a stored message posted without a tenant and what
// moderators decided about it (CodeNotFound when there is no such
// message). Message ids are unique per tenant: GetOf names the tenant.
func (c Messages) Get(ctx context.Context, id string) (*api.MessageRecord, error) {
	return c.GetOf(ctx, "", id)
}

// GetOf returns tenant's stored message id and what moderators decided
// about it (CodeNotFound when tenant has no such message).
func (c Messages) GetOf(ctx context.Context, tenant, id string) (*api.MessageRecord, error) {
	return Call[api.MessageRecord](ctx, c.NC, api.SubjectMessagesGet, api.MessageGetRequest{ID: id, Tenant: tenant})
}
